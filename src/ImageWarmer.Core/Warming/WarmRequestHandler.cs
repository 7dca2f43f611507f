using ImageWarmer.Core.Planning;
using ImageWarmer.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Warming;

/// <summary>
/// Handles one queue message, for the queue function and <c>imagewarmer worker</c> alike: a bad message is rejected
/// with its reason in the ledger (never retried); a good one is warmed and recorded; a spent rate-limit budget
/// re-enqueues it to show when the window resets (no failure, no poison); a transient failure throws so the queue
/// retries it.
/// </summary>
public sealed class WarmRequestHandler(
    WarmRequestReader reader, WarmService warm, WarmQueue queue, StatusLedger ledger, IOptions<PlanningOptions> planning, ILogger<WarmRequestHandler> logger)
{
    /// <summary>Handles the (base64-decoded) <paramref name="messageText"/>.</summary>
    /// <exception cref="WarmRequestRetryException">A transient failure: let the queue try again.</exception>
    public async Task<WarmRequestOutcome> HandleAsync(string messageText, string messageId, long dequeueCount, CancellationToken cancellationToken = default)
    {
        if (!reader.TryRead(messageText, out var request, out var spec, out var reason))
        {
            return await RejectAsync(messageId, reason, messageText, dequeueCount, cancellationToken);
        }
        var target = planning.Value.TargetRegistry
            ?? throw new InvalidOperationException("ImageWarmer:Planning:TargetRegistry is not set: the queue function needs the ACR login server");

        var report = await warm.WarmAsync([spec], target, force: request.Force, cancellationToken: cancellationToken);
        var item = report.Items[0];
        await ledger.RecordAsync(item, request.RequestedBy, cancellationToken);
        Log.RequestHandled(logger, messageId, spec.Source.FullyQualified, item.After.ToText(), dequeueCount);
        switch (item.After)
        {
            case WarmStatus.Deferred:
                await queue.EnqueueAsync(request, item.RetryAfter, cancellationToken);
                return WarmRequestOutcome.Deferred;
            case WarmStatus.Failed when item.Retryable:
                throw new WarmRequestRetryException($"{spec.Source.Familiar} -> {spec.Target}: {item.Error}");
            case WarmStatus.Failed:
                return WarmRequestOutcome.Failed;
            default:
                return WarmRequestOutcome.Warmed;
        }
    }

    /// <summary>Records a message that cannot be handled at all (e.g. not base64), so it is completed, never retried.</summary>
    public async Task<WarmRequestOutcome> RejectAsync(string messageId, string reason, string messageText, long dequeueCount, CancellationToken cancellationToken = default)
    {
        Log.RequestRejected(logger, messageId, reason);
        await ledger.RecordRejectedAsync(messageId, reason, messageText, dequeueCount, cancellationToken);
        return WarmRequestOutcome.Rejected;
    }
}
