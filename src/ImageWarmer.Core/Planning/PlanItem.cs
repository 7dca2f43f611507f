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

    /// <summary>Whether the image needs an import (missing, or drifted).</summary>
    public bool NeedsWork => Status is PlanStatus.Missing or PlanStatus.Drifted;
}
