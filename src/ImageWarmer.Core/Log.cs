using Microsoft.Extensions.Logging;

namespace ImageWarmer.Core;

/// <summary>Core's log messages, source-generated: structured, and free when the level is off.</summary>
internal static partial class Log
{
    // Per image, Information: whoever owns the image's outcome decides its severity (the queue function warns once per
    // failed try and errs once when it gives up; the CLI prints every failure in its result).
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Planning {Source} -> {Target} failed: {Reason}")]
    public static partial void PlanItemFailed(ILogger logger, string source, string target, string reason);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information,
        Message = "Planned {Count} images against {Registry}: {Present} present, {Missing} missing, {Drifted} drifted, {SourceMissing} source-missing, {Failed} failed")]
    public static partial void Planned(ILogger logger, int count, string registry, int present, int missing, int drifted, int sourceMissing, int failed);

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Importing {Source} -> {Target} failed: {Reason}")]
    public static partial void ImportFailed(ILogger logger, string source, string target, string reason);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information,
        Message = "Warmed {Count} images into {Registry}: {Imported} imported, {Present} present, {Failed} failed, {Deferred} deferred")]
    public static partial void Warmed(ILogger logger, int count, string registry, int imported, int present, int failed, int deferred);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Copied {Count} referrer manifests and tags of {Source}@{Digest} to {Target}")]
    public static partial void ReferrersCopied(ILogger logger, int count, string source, string digest, string target);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "The referrers of {Source} were not copied to {Target}: {Reason}")]
    public static partial void ReferrersNotCopied(ILogger logger, string source, string target, string reason);

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning,
        Message = "Not sending {Credential}'s credential for {Registry} to the token realm {Realm}: {Reason}; answering its challenges anonymously")]
    public static partial void CredentialWithheld(ILogger logger, string credential, string registry, string realm, string reason);

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Rejected warm request {MessageId}: {Reason}")]
    public static partial void RequestRejected(ILogger logger, string messageId, string reason);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Warm request {MessageId} for {Source}: {Result} (try {DequeueCount})")]
    public static partial void RequestHandled(ILogger logger, string messageId, string source, string result, long dequeueCount);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information,
        Message = "Nightly run {RunId}: {Images} images, {Enqueued} enqueued, {Problems} manifest problems; report {Report}")]
    public static partial void NightlyRun(ILogger logger, string runId, int images, int enqueued, int problems, string report);

    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "Pruned {Registry} (applied: {Applied}): {Removed} tags removed or to remove, {Kept} kept")]
    public static partial void Pruned(ILogger logger, string registry, bool applied, int removed, int kept);

    [LoggerMessage(EventId = 312, Level = LogLevel.Warning, Message = "Prune of {Registry} refused: {Reason}")]
    public static partial void PruneRefused(ILogger logger, string registry, string reason);

    [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "Nightly run {RunId} prunes nothing: {Reason}")]
    public static partial void PruneSkipped(ILogger logger, string runId, string reason);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Warm request {MessageId} failed on try {DequeueCount}: {Reason}")]
    public static partial void WorkerFailed(ILogger logger, string messageId, long dequeueCount, string reason);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning,
        Message = "Warm request {MessageId} for {Source} failed on try {DequeueCount} of {MaxDequeueCount}; the queue will try again: {Reason}")]
    public static partial void RequestTryFailed(ILogger logger, string messageId, string source, long dequeueCount, int maxDequeueCount, string? reason);

    [LoggerMessage(EventId = 305, Level = LogLevel.Error,
        Message = "Warm request {MessageId} for {Source} given up after {DequeueCount} tries and sent to {PoisonQueue}: {Reason}")]
    public static partial void RequestGivenUp(ILogger logger, string messageId, string source, long dequeueCount, string poisonQueue, string? reason);

    [LoggerMessage(EventId = 306, Level = LogLevel.Error, Message = "Nightly run failed: {Reason}")]
    public static partial void NightlyFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 307, Level = LogLevel.Error, Message = "Warm request {MessageId} is not base64: moved to {PoisonQueue} untouched")]
    public static partial void NotBase64Poisoned(ILogger logger, string messageId, string poisonQueue);
}
