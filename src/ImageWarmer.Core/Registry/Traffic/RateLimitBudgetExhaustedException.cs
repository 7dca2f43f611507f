using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.Registry.Traffic;

/// <summary>A pull was not sent: the host's rate-limit budget for this credential is below the floor.
/// Not a failure of the image: it is deferred until the window resets (<see cref="ImageWarmerException.RetryAfter"/>).</summary>
public sealed class RateLimitBudgetExhaustedException(string host, string credential, int remaining, TimeSpan resetsIn)
    : ImageWarmerException(FailureKind.RateLimited,
        $"rate-limit budget exhausted for {host} ({credential}): {remaining} pulls left, below the floor; resets in ~{Describe(resetsIn)}",
        retryAfter: resetsIn < TimeSpan.Zero ? TimeSpan.Zero : resetsIn)
{
    /// <summary>The host whose budget is spent.</summary>
    public string Host { get; } = host;

    /// <summary>The credential the budget belongs to.</summary>
    public string Credential { get; } = credential;

    /// <summary>Pulls the host last said remain.</summary>
    public int Remaining { get; } = remaining;

    /// <summary>About how long until pulls may go out again.</summary>
    public TimeSpan ResetsIn => RetryAfter ?? TimeSpan.Zero;

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours:0.#}h" : span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0}m" : $"{Math.Max(0, span.TotalSeconds):0}s";
}
