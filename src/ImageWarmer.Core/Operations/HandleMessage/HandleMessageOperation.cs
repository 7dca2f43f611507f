using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Storage;
using ImageWarmer.Core.Warming;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Operations.HandleMessage;

/// <summary>
/// Handles one queue message, for the queue function and <c>imagewarmer worker</c> alike: a bad message, or one that
/// names a target outside the repository derived from its source or a tag upstream does not vouch for, is rejected
/// with its reason in the ledger (never retried); a good one is warmed (replacing a tag only as
/// <see cref="QueueRequestVetting"/> allows) and recorded; a spent rate-limit budget re-enqueues it to show when the
/// window resets, within <see cref="DeferralPolicy"/>'s bounds (no failure, no poison); a transient failure throws so
/// the queue retries it, and on the last try (<c>maxDequeueCount</c>) the ledger says it was given up to the poison queue.
/// </summary>
public sealed class HandleMessageOperation(
    WarmRequestReader reader, QueueRequestVetting vetting, DeferralPolicy deferral, WarmService warm, IWarmRequestQueue queue,
    IStatusLedger ledger, WarmRecorder recorder, TargetRegistry targets, IOptions<StorageOptions> storage, WarmMetrics metrics, ILogger<HandleMessageOperation> logger)
{
    /// <summary>Handles <paramref name="message"/>.</summary>
    /// <exception cref="WarmRequestRetryException">A transient failure: let the queue try again.</exception>
    public async Task<WarmRequestOutcome> RunAsync(IncomingMessage message, CancellationToken cancellationToken = default)
    {
        if (!reader.TryRead(message.Text, out var request, out var spec, out var reason))
        {
            return await RejectAsync(message, reason, cancellationToken);
        }
        var target = targets.Resolve(null);
        if (!spec.Target.TryIn(target, out _, out var tooLong))
        {
            return await RejectAsync(message, $"{spec.Source.Familiar} cannot be warmed into {target}: {tooLong}", cancellationToken);
        }
        var vetted = await vetting.VetAsync(request, spec, cancellationToken);
        if (vetted.Rejection is not null)
        {
            return await RejectAsync(message, vetted.Rejection, cancellationToken);
        }
        spec = vetted.Spec!;

        var report = await warm.WarmAsync([spec], target, replacement: vetted.Replacement, cancellationToken: cancellationToken);
        metrics.Warmed(report);
        var item = deferral.Bound(request, report.Items[0]);
        var retry = item.After == WarmStatus.Failed && item.Retryable;
        var lastTry = retry && message.DequeueCount >= storage.Value.MaxDequeueCount;
        await recorder.RecordAsync([item], request.RequestedBy, (warmed, record) => record with
        {
            Note = vetted.NoteFor(warmed),
            Error = lastTry ? $"given up after {message.DequeueCount} tries and sent to {queue.PoisonName}: {warmed.Error}" : record.Error,
        }, cancellationToken);
        if (!retry)
        {
            Log.RequestHandled(logger, message.Id, spec.Source.FullyQualified, item.After.ToText(), message.DequeueCount);
        }
        switch (item.After)
        {
            case WarmStatus.Deferred:
                await queue.EnqueueAsync(DeferralPolicy.Next(request), deferral.DelayFor(item), cancellationToken);
                return WarmRequestOutcome.Deferred;
            case WarmStatus.Failed when retry:
                // One Warning per failed try, one Error when the queue gives up: the host's own retry is the loop.
                if (lastTry)
                {
                    metrics.Poisoned();
                    Log.RequestGivenUp(logger, message.Id, spec.Source.FullyQualified, message.DequeueCount, queue.PoisonName, item.Error);
                }
                else
                {
                    Log.RequestTryFailed(logger, message.Id, spec.Source.FullyQualified, message.DequeueCount, storage.Value.MaxDequeueCount, item.Error);
                }
                throw new WarmRequestRetryException($"{spec.Source.Familiar} -> {spec.Target}: {item.Error}");
            case WarmStatus.Failed:
                return WarmRequestOutcome.Failed;
            default:
                return WarmRequestOutcome.Warmed;
        }
    }

    // A message that is not a valid or allowed request is recorded with the reason and completed, never retried.
    private async Task<WarmRequestOutcome> RejectAsync(IncomingMessage message, string reason, CancellationToken cancellationToken = default)
    {
        Log.RequestRejected(logger, message.Id, reason);
        await ledger.RecordRejectedAsync(message.Id, reason, message.Text, message.DequeueCount, cancellationToken);
        return WarmRequestOutcome.Rejected;
    }
}
