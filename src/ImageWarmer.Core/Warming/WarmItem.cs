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

    /// <summary>What the ledger keeps of this item, for <paramref name="requestedBy"/>; an import also records the
    /// digest it wrote (the tag's provenance).</summary>
    public LedgerRecord ToLedgerRecord(string? requestedBy) => new(
        Spec.Target.ToString(), Spec.Source.FullyQualified, SourceDigest, TargetDigest, After.ToText(), Error, requestedBy,
        string.Join(", ", Spec.Origins.Select(o => $"{o.Path}:{o.Line}")))
    {
        ImportedDigest = After == WarmStatus.Imported ? TargetDigest : null,
    };

    /// <summary>For a deferred item: about when the rate-limit budget resets.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
