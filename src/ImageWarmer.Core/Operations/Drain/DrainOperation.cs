using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Operations.HandleMessage;
using ImageWarmer.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Operations.Drain;

/// <summary>
/// Drains the warm-request queue with the queue function's own handler, doing what the Functions host does around it:
/// a handled message is deleted; one whose handling threw becomes visible again after a growing delay; one that failed
/// <c>maxDequeueCount</c> times moves to the poison queue; one that is not base64 moves there at
/// once, untouched, without a try (what the host's queue listener does, proven by the conformance tests). For local
/// runs and operators.
/// </summary>
public sealed class DrainOperation(
    IWarmRequestQueue queue, HandleMessageOperation handler, IOptions<StorageOptions> storage, TimeProvider time, WarmMetrics metrics, ILogger<DrainOperation> logger)
{
    private static readonly TimeSpan ProcessingTime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LongestIdle = TimeSpan.FromSeconds(30);

    /// <summary>Drains the queue, hands each round's messages to <paramref name="drained"/>, and polls again like the
    /// Functions host does, backing off (up to 30 seconds) while the queue stays empty, until cancelled.</summary>
    public async Task WorkAsync(
        DrainRequest request, Func<IReadOnlyList<DrainedMessage>, CancellationToken, Task> drained, CancellationToken cancellationToken = default)
    {
        var idle = TimeSpan.FromSeconds(1);
        while (true)
        {
            var handled = await RunAsync(request, cancellationToken);
            await drained(handled, cancellationToken);
            idle = handled.Count > 0 ? TimeSpan.FromSeconds(1) : idle * 2 > LongestIdle ? LongestIdle : idle * 2;
            await Task.Delay(idle, time, cancellationToken);
        }
    }

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
            if (message.DequeueCount >= (request.MaxDequeueCount ?? storage.Value.MaxDequeueCount))
            {
                await queue.PoisonAsync(message, cancellationToken);
                return $"poisoned after {message.DequeueCount} tries: {e.Message}";
            }
            await queue.RetryLaterAsync(message, TimeSpan.FromSeconds(30 * message.DequeueCount), cancellationToken);
            return $"will retry: {e.Message}";
        }
    }
}
