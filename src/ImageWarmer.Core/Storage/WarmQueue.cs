using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ImageWarmer.Core.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Storage;

/// <summary>The <c>warm-requests</c> queue in Azure Queue storage: v1 messages, base64-encoded as the Functions host
/// decodes them; received as raw text, so one message that is not base64 is handled alone instead of failing a batch.</summary>
public sealed class WarmQueue(StorageClients storage, IOptions<StorageOptions> options, IConfiguration configuration) : IWarmRequestQueue
{
    /// <summary>Longest a message may wait before it shows (the queue service's limit).</summary>
    public static readonly TimeSpan MaxVisibilityDelay = TimeSpan.FromDays(7);

    /// <summary>The queue's name: the Functions app's <c>WarmQueueName</c>, else <c>ImageWarmer:Storage:QueueName</c>.</summary>
    public string Name => configuration["WarmQueueName"] ?? options.Value.QueueName;

    /// <inheritdoc/>
    public string PoisonName => Name + "-poison";

    /// <inheritdoc/>
    public async Task<string> EnqueueAsync(WarmRequest request, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        var queue = await OpenAsync(storage.Queues, Name, cancellationToken);
        SendReceipt receipt = await queue.SendMessageAsync(
            JsonSerializer.Serialize(request, WarmRequestJson.Default.WarmRequest), Clamp(delay), cancellationToken: cancellationToken);
        return receipt.MessageId;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(int maxMessages, TimeSpan visibility, CancellationToken cancellationToken = default)
    {
        var queue = await OpenAsync(storage.RawQueues, Name, cancellationToken);
        var messages = (await queue.ReceiveMessagesAsync(maxMessages, visibility, cancellationToken)).Value;
        return [.. messages.Select(m => new QueuedMessage(m.MessageId, m.PopReceipt, m.DequeueCount, m.Body.ToString()))];
    }

    /// <inheritdoc/>
    public async Task CompleteAsync(QueuedMessage message, CancellationToken cancellationToken = default) =>
        await storage.RawQueues.GetQueueClient(Name).DeleteMessageAsync(message.Id, message.PopReceipt, cancellationToken);

    /// <inheritdoc/>
    public async Task RetryLaterAsync(QueuedMessage message, TimeSpan delay, CancellationToken cancellationToken = default) =>
        await storage.RawQueues.GetQueueClient(Name).UpdateMessageAsync(message.Id, message.PopReceipt, visibilityTimeout: Clamp(delay) ?? TimeSpan.Zero,
            cancellationToken: cancellationToken);

    /// <inheritdoc/>
    public async Task PoisonAsync(QueuedMessage message, CancellationToken cancellationToken = default)
    {
        // As the Functions host does (proven by the conformance tests): the message is copied as it came, base64 or
        // not, so the poison queue holds the same bytes whoever moved it there.
        var poison = await OpenAsync(storage.RawQueues, PoisonName, cancellationToken);
        await poison.SendMessageAsync(message.RawText, cancellationToken: cancellationToken);
        await CompleteAsync(message, cancellationToken);
    }

    private static TimeSpan? Clamp(TimeSpan? delay) =>
        delay is { } d ? (d > MaxVisibilityDelay ? MaxVisibilityDelay : d < TimeSpan.Zero ? TimeSpan.Zero : d) : null;

    private async Task<QueueClient> OpenAsync(QueueServiceClient service, string name, CancellationToken cancellationToken)
    {
        var queue = service.GetQueueClient(name);
        await storage.EnsureCreatedAsync($"queue/{name}", async token => await queue.CreateIfNotExistsAsync(cancellationToken: token), cancellationToken);
        return queue;
    }
}
