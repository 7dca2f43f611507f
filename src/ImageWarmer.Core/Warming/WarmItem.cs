using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Planning;

namespace ImageWarmer.Core.Warming;

/// <summary>One image of a warm run: where it stood before and after, its digests, and what the import cost.</summary>
public sealed record WarmItem(
    ImportSpec Spec, PlanStatus Before, WarmStatus After, string? SourceDigest, string? TargetDigest, TimeSpan Duration, long Bytes, string? Error)
{
    /// <summary>For a failed item: what kind of failure it was.</summary>
    public FailureKind? FailureKind { get; init; }

    /// <summary>For a failed item: whether a later try might succeed (a queue message is then retried, not completed).</summary>
    public bool Retryable => Failure.IsRetryable(FailureKind);

    /// <summary>How many artifacts refer to the image in the target after the run (signatures, attestations, SBOMs),
    /// or null when referrers are not copied or could not be counted.</summary>
    public int? Referrers { get; init; }

    /// <summary>How many referrer manifests and tags this run wrote to the target.</summary>
    public int ReferrersCopied { get; init; }

    /// <summary>Why the image's referrers were not copied, or null (the image itself is where <see cref="After"/> says).</summary>
    public string? ReferrersError { get; init; }

    /// <summary>Where the image the tag pointed at before a re-import was kept (<see cref="WarmingOptions.BackupTag"/>), or null.</summary>
    public KeptTag? Backup { get; init; }

    /// <summary>For a drifted item: the source pinned to the digest the target holds (what <c>imagewarmer pin</c> writes
    /// into the manifests), or null.</summary>
    public string? Pin => After == WarmStatus.Drifted ? PinnedReference.Of(Spec.Source, TargetDigest) : null;

    /// <summary>What the ledger keeps of this item, for <paramref name="requestedBy"/>; an import also records the
    /// digest it wrote (the tag's provenance), and a backup the tag it kept the old image under.</summary>
    public LedgerRecord ToLedgerRecord(string? requestedBy) => new(
        Spec.Target.ToString(), Spec.Source.FullyQualified, SourceDigest, TargetDigest, LedgerResultOf(After), Error ?? ReferrersError, requestedBy,
        string.Join(", ", Spec.Origins.Select(o => $"{o.Path}:{o.Line}")))
    {
        ImportedDigest = After == WarmStatus.Imported ? TargetDigest : null,
        BackupTarget = Backup is null ? null : $"{Spec.Target.Repository}:{Backup.Tag}",
        BackupDigest = Backup?.Digest,
    };

    /// <summary>For a deferred item: about when the rate-limit budget resets.</summary>
    public TimeSpan? RetryAfter { get; init; }

    private static LedgerResult LedgerResultOf(WarmStatus status) => status switch
    {
        WarmStatus.Present => LedgerResult.Present,
        WarmStatus.Imported => LedgerResult.Imported,
        WarmStatus.Drifted => LedgerResult.Drifted,
        WarmStatus.SourceMissing => LedgerResult.SourceMissing,
        WarmStatus.Deferred => LedgerResult.Deferred,
        _ => LedgerResult.Failed,
    };
}
