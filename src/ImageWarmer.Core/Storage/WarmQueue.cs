using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ImageWarmer.Core.Warming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Storage;

/// <summary>The <c>warm-requests</c> queue: v1 messages, base64-encoded as the Functions host decodes them.</summary>
public sealed class WarmQueue(StorageClients storage, IOptions<StorageOptions> options, IConfiguration configuration)
{
    /// <summary>Longest a message may wait before it shows (the queue service's limit).</summary>
    public static readonly TimeSpan MaxVisibilityDelay = TimeSpan.FromDays(7);

    /// <summary>The queue's name: the Functions app's <c>WarmQueueName</c>, else <c>ImageWarmer:Storage:QueueName</c>.</summary>
    public string Name => configuration["WarmQueueName"] ?? options.Value.QueueName;

    /// <summary>The queue where messages go after failing <c>maxDequeueCount</c> times (the host's convention).</summary>
    public string PoisonName => Name + "-poison";

    /// <summary>The queue, created when missing.</summary>
    public async Task<QueueClient> OpenAsync(CancellationToken cancellationToken = default) => await OpenAsync(Name, cancellationToken);

    /// <summary>The poison queue, created when missing.</summary>
    public async Task<QueueClient> OpenPoisonAsync(CancellationToken cancellationToken = default) => await OpenAsync(PoisonName, cancellationToken);

    /// <summary>The queue without base64 decoding: a worker reads raw text, so one message that is not base64 is
    /// rejected on its own instead of failing the whole batch it came in.</summary>
    public async Task<QueueClient> OpenRawAsync(CancellationToken cancellationToken = default)
    {
        var queue = storage.RawQueues.GetQueueClient(Name);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return queue;
    }

    /// <summary>Enqueues <paramref name="request"/>, visible after <paramref name="delay"/> (capped at seven days).</summary>
    /// <returns>The message id.</returns>
    public async Task<string> EnqueueAsync(WarmRequest request, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        var queue = await OpenAsync(cancellationToken);
        var visibility = delay is { } d ? (d > MaxVisibilityDelay ? MaxVisibilityDelay : d < TimeSpan.Zero ? TimeSpan.Zero : d) : (TimeSpan?)null;
        SendReceipt receipt = await queue.SendMessageAsync(
            JsonSerializer.Serialize(request, WarmRequestJson.Default.WarmRequest), visibility, cancellationToken: cancellationToken);
        return receipt.MessageId;
    }

    private async Task<QueueClient> OpenAsync(string name, CancellationToken cancellationToken)
    {
        var queue = storage.Queues.GetQueueClient(name);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return queue;
    }
}
