using Microsoft.Extensions.Logging;

namespace ImageWarmer.Functions;

/// <summary>The Functions app's log messages, source-generated.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "The nightly warm-up is running late (last run {LastRun})")]
    public static partial void PastDue(ILogger logger, DateTime? lastRun);
}
