using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ImageWarmer.Functions.Conformance.Tests;

/// <summary>Every log line the hosts wrote (the WebJobs host's own and ours), with category, level and event id.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> All => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    public sealed record Entry(string Category, LogLevel Level, int EventId, string Message);

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new Entry(category, logLevel, eventId.Id, formatter(state, exception) ?? ""));
    }
}
