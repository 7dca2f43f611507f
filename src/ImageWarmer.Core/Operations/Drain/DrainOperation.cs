using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Operations.HandleMessage;
using Microsoft.Extensions.Logging;

namespace ImageWarmer.Core.Operations.Drain;

/// <summary>
/// Drains the warm-request queue with the queue function's own handler, doing what the Functions host does around it:
/// a handled message is deleted; one whose handling threw becomes visible again after a growing delay; one that failed
/// <see cref="DrainRequest.MaxDequeueCount"/> times moves to the poison queue; one that is not base64 moves there at
/// once, untouched, without a try (what the host's queue listener does, proven by the conformance tests). For local
/// runs and operators.
/// </summary>
public sealed class DrainOperation(IWarmRequestQueue queue, HandleMessageOperation handler, WarmMetrics metrics, ILogger<DrainOperation> logger)
{
    private static readonly TimeSpan ProcessingTime = TimeSpan.FromMinutes(5);

    /// <summary>Handles messages until the queue shows none; returns what happened to each.</summary>
    public async Task<IReadOnlyList<DrainedMessage>> RunAsync(DrainRequest request, CancellationToken cancellationToken = default)
    {
        var results = new List<DrainedMessage>();
        while (true)
        {
            var messages = await queue.ReceiveAsync(16, ProcessingTime, cancellationToken);
            if (messages.Count == 0)
            {
                return results;
            }
            foreach (var message in messages)
            {
                results.Add(new DrainedMessage(message.Id, await HandleAsync(message, request, cancellationToken)));
            }
        }
    }

    private async Task<string> HandleAsync(QueuedMessage message, DrainRequest request, CancellationToken cancellationToken)
    {
        if (message.DecodedText is not { } text)
        {
            Log.NotBase64Poisoned(logger, message.Id, queue.PoisonName);
            metrics.Poisoned();
            await queue.PoisonAsync(message, cancellationToken);
            return $"poisoned: not base64 (the Functions host reads queue messages as base64 and moves the others to {queue.PoisonName})";
        }
        try
        {
            var outcome = await handler.RunAsync(new IncomingMessage(text, message.Id, message.DequeueCount), cancellationToken);
            await queue.CompleteAsync(message, cancellationToken);
            return outcome.ToString().ToLowerInvariant();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.WorkerFailed(logger, message.Id, message.DequeueCount, e.Message);
            if (message.DequeueCount >= request.MaxDequeueCount)
            {
                await queue.PoisonAsync(message, cancellationToken);
                return $"poisoned after {message.DequeueCount} tries: {e.Message}";
            }
            await queue.RetryLaterAsync(message, TimeSpan.FromSeconds(30 * message.DequeueCount), cancellationToken);
            return $"will retry: {e.Message}";
        }
    }
}
