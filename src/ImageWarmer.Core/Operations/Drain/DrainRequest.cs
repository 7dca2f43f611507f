namespace ImageWarmer.Core.Operations.Drain;

/// <summary>How a worker drains the queue: tries of a message before it is poisoned (the host's <c>maxDequeueCount</c>;
/// null: <c>ImageWarmer:Storage:MaxDequeueCount</c>).</summary>
public sealed record DrainRequest(int? MaxDequeueCount = null);
