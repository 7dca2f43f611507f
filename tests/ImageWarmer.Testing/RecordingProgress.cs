namespace ImageWarmer.Testing;

/// <summary>Records each report as it is made (<see cref="Progress{T}"/> would post them to the thread pool, out of order).</summary>
public sealed class RecordingProgress<T> : IProgress<T>
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<T> _reports = new();

    /// <summary>Every report so far, in the order made.</summary>
    public IReadOnlyList<T> Reports => [.. _reports];

    /// <inheritdoc/>
    public void Report(T value) => _reports.Enqueue(value);
}
