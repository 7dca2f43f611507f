using Microsoft.Extensions.Logging;

namespace ImageWarmer.Core;

/// <summary>Core's log messages, source-generated: structured, and free when the level is off.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Planning {Source} -> {Target} failed: {Reason}")]
    public static partial void PlanItemFailed(ILogger logger, string source, string target, string reason);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information,
        Message = "Planned {Count} images against {Registry}: {Present} present, {Missing} missing, {Drifted} drifted, {SourceMissing} source-missing, {Failed} failed")]
    public static partial void Planned(ILogger logger, int count, string registry, int present, int missing, int drifted, int sourceMissing, int failed);

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Importing {Source} -> {Target} failed: {Reason}")]
    public static partial void ImportFailed(ILogger logger, string source, string target, string reason);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information,
        Message = "Warmed {Count} images into {Registry}: {Imported} imported, {Present} present, {Failed} failed, {Deferred} deferred")]
    public static partial void Warmed(ILogger logger, int count, string registry, int imported, int present, int failed, int deferred);
}
