using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.Planning;

/// <summary>The planner's answer for one ImportSpec: its status, the digests seen, and the error when it failed.</summary>
public sealed record PlanItem(ImportSpec Spec, PlanStatus Status, string? SourceDigest, string? TargetDigest, string? Error)
{
    /// <summary>The upstream manifest's media type, when upstream was asked (tells an index from a single manifest).</summary>
    public string? SourceMediaType { get; init; }

    /// <summary>For a failed item: what kind of failure it was.</summary>
    public FailureKind? FailureKind { get; init; }

    /// <summary>For a failed item: whether asking again later might succeed (the registry was down or busy).</summary>
    public bool Retryable => Failure.IsRetryable(FailureKind);

    /// <summary>How many artifacts refer to the image in the target (signatures, attestations, SBOMs), or null when
    /// referrers are not copied, the target lacks the image, or they could not be counted.</summary>
    public int? Referrers { get; init; }

    /// <summary>For a drifted item: the source pinned to the digest the target holds (what <c>imagewarmer pin</c> writes
    /// into the manifests), or null.</summary>
    public string? Pin => Status == PlanStatus.Drifted ? PinnedReference.Of(Spec.Source, TargetDigest) : null;

    /// <summary>Whether the image needs an import (missing, or drifted).</summary>
    public bool NeedsWork => Status is PlanStatus.Missing or PlanStatus.Drifted;
}
