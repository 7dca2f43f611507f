using System.Collections.Concurrent;

namespace ImageWarmer.Functions.Conformance.Tests;

/// <summary>What the hosted functions were called with, in order, across every host of a test.</summary>
public sealed class Invocations
{
    private readonly ConcurrentQueue<Invocation> _seen = new();

    public IReadOnlyList<Invocation> All => [.. _seen];

    public void Add(Invocation invocation) => _seen.Enqueue(invocation);

    /// <summary>One call: which host ran it, when it started, the queue message's id and dequeue count, or (timer)
    /// where the run's report went.</summary>
    public sealed record Invocation(string Host, string Function, string? MessageId, long DequeueCount, DateTimeOffset At, string? Report = null);
}
