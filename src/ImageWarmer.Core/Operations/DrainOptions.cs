namespace ImageWarmer.Core.Operations;

/// <summary>How a worker drains the queue: tries of a message before it is poisoned (the host's <c>maxDequeueCount</c>).</summary>
public sealed record DrainOptions(int MaxDequeueCount);
