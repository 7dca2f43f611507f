using ImageWarmer.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Warming;

/// <summary>
/// Drains the warm-request queue with the queue function's own handler, doing what the Functions host does around it:
/// a handled message is deleted; one whose handling threw becomes visible again after a growing delay; one that
/// failed <see cref="StorageOptions.MaxDequeueCount"/> times moves to the poison queue. For local runs and operators.
/// </summary>
public sealed class QueueWorker(WarmQueue queue, WarmRequestHandler handler, IOptions<StorageOptions> options, ILogger<QueueWorker> logger)
{
    private static readonly TimeSpan ProcessingTime = TimeSpan.FromMinutes(5);

    /// <summary>Handles messages until the queue shows none; returns what happened to each.</summary>
    public async Task<IReadOnlyList<(string MessageId, string Result)>> DrainAsync(CancellationToken cancellationToken = default)
    {
        var client = await queue.OpenRawAsync(cancellationToken);
        var results = new List<(string, string)>();
        while (true)
        {
            var messages = (await client.ReceiveMessagesAsync(16, ProcessingTime, cancellationToken)).Value;
            if (messages.Length == 0)
            {
                return results;
            }
            foreach (var message in messages)
            {
                string result;
                try
                {
                    // Base64, as the Functions host reads it; a message that is not is rejected alone, as the host would not read it.
                    var outcome = TryDecodeBase64(message.Body.ToString()) is { } text
                        ? await handler.HandleAsync(text, message.MessageId, message.DequeueCount, cancellationToken)
                        : await handler.RejectAsync(message.MessageId, "message is not base64 (the Functions host reads queue messages as base64)",
                            message.Body.ToString(), message.DequeueCount, cancellationToken);
                    result = outcome.ToString().ToLowerInvariant();
                    await client.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Log.WorkerFailed(logger, message.MessageId, message.DequeueCount, e.Message);
                    if (message.DequeueCount >= options.Value.MaxDequeueCount)
                    {
                        var poison = await queue.OpenPoisonAsync(cancellationToken);
                        await poison.SendMessageAsync(TryDecodeBase64(message.Body.ToString()) ?? message.Body.ToString(), cancellationToken: cancellationToken);
                        await client.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                        result = $"poisoned after {message.DequeueCount} tries: {e.Message}";
                    }
                    else
                    {
                        await client.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(30 * message.DequeueCount),
                            cancellationToken: cancellationToken);
                        result = $"will retry: {e.Message}";
                    }
                }
                results.Add((message.MessageId, result));
            }
        }
    }

    private static string? TryDecodeBase64(string text)
    {
        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out var written) ? System.Text.Encoding.UTF8.GetString(bytes, 0, written) : null;
    }
}
