namespace ImageWarmer.Core.Contracts;

/// <summary>
/// The warm-request queue as the use cases need it: send a request (now or after a delay), and, for a worker that
/// drains it without the Functions host, receive, complete, retry later or poison messages. Implemented over Azure
/// Queue storage in <c>Storage</c>; the use cases never see the SDK.
/// </summary>
public interface IWarmRequestQueue
{
    /// <summary>The queue's name.</summary>
    string Name { get; }

    /// <summary>Where messages go after failing too often (the Functions host's convention: <c>&lt;name&gt;-poison</c>).</summary>
    string PoisonName { get; }

    /// <summary>Enqueues <paramref name="request"/> (base64, as the host reads it), visible after <paramref name="delay"/>.</summary>
    /// <returns>The message id.</returns>
    Task<string> EnqueueAsync(WarmRequest request, TimeSpan? delay = null, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="maxMessages"/> messages, hidden from others for <paramref name="visibility"/>.</summary>
    Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(int maxMessages, TimeSpan visibility, CancellationToken cancellationToken = default);

    /// <summary>Deletes a handled message.</summary>
    Task CompleteAsync(QueuedMessage message, CancellationToken cancellationToken = default);

    /// <summary>Makes a message whose handling failed visible again after <paramref name="delay"/>.</summary>
    Task RetryLaterAsync(QueuedMessage message, TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>Moves a message to the poison queue (its text as the host would leave it) and deletes it here.</summary>
    Task PoisonAsync(QueuedMessage message, CancellationToken cancellationToken = default);
}
