using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Failures;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Warming;

/// <summary>
/// Keeps deferral of queue requests bounded: a deferred request waits at least <see cref="WarmingOptions.MinDeferral"/>
/// (a <c>Retry-After: 0</c> or a date in the past would bring it back at once, forever), carries its count in the
/// message, and after <see cref="WarmingOptions.MaxDeferrals"/> it is failed with the reason instead of deferred again.
/// </summary>
public sealed class DeferralPolicy(IOptions<WarmingOptions> options)
{
    /// <summary>The item as the request ends: a deferral past the limit becomes a failure that says so.</summary>
    public WarmItem Bound(WarmRequest request, WarmItem item)
    {
        var max = options.Value.MaxDeferrals;
        return item.After == WarmStatus.Deferred && request.Deferrals >= max
            ? item with
            {
                After = WarmStatus.Failed,
                Error = $"deferred {request.Deferrals} times already (ImageWarmer:Warming:MaxDeferrals is {max}); giving up. Last: {item.Error}",
                FailureKind = FailureKind.RateLimited,
                RetryAfter = null,
            }
            : item;
    }

    /// <summary>How long a deferred request stays invisible: what the rate limit asked for, and at least the minimum.</summary>
    public TimeSpan DelayFor(WarmItem item) =>
        item.RetryAfter is { } wait && wait > options.Value.MinDeferral ? wait : options.Value.MinDeferral;

    /// <summary>The request to enqueue again, counting this deferral.</summary>
    public static WarmRequest Next(WarmRequest request) => request with { Deferrals = request.Deferrals + 1 };
}
