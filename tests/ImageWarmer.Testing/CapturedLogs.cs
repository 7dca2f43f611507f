using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ImageWarmer.Testing;

/// <summary>A logger provider that keeps every message at <see cref="LogLevel.Warning"/> and above, formatted: what an
/// operator would read. Register it with <c>services.AddSingleton&lt;ILoggerProvider&gt;(logs)</c>.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    /// <summary>The messages, in order.</summary>
    public IReadOnlyList<string> Warnings => [.. _messages];

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new Logger(_messages);

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                messages.Enqueue(formatter(state, exception));
            }
        }
    }
}
