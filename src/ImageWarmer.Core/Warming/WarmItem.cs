using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Planning;

namespace ImageWarmer.Core.Warming;

/// <summary>One image of a warm run: where it stood before and after, its digests, and what the import cost.</summary>
public sealed record WarmItem(
    ImportSpec Spec, PlanStatus Before, WarmStatus After, string? SourceDigest, string? TargetDigest, TimeSpan Duration, long Bytes, string? Error)
{
    /// <summary>For a failed item: whether a later try might succeed (a queue message is then retried, not completed).</summary>
    public bool Retryable { get; init; }

    /// <summary>For a deferred item: about when the rate-limit budget resets.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
