using Microsoft.Extensions.Logging;

namespace ImageWarmer.Functions;

/// <summary>The Functions app's log messages, source-generated.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "The nightly warm-up is running late (last run {LastRun})")]
    public static partial void PastDue(ILogger logger, DateTime? lastRun);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "No Docker Hub credentials (ImageWarmer:Registry:Credentials for docker.io): ACR imports from Docker Hub anonymously, through Azure addresses shared with other tenants, and will meet toomanyrequests; add a Docker Hub user and access token (docs/azure.md)")]
    public static partial void DockerHubAnonymous(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "ImageWarmer:AcrImport:Timeout {ImportTimeout} does not end {Margin} before host.json's functionTimeout {FunctionTimeout}: the host may stop an import (and the worker) before ImageWarmer reports it")]
    public static partial void ImportOutlastsFunction(ILogger logger, TimeSpan importTimeout, TimeSpan functionTimeout, TimeSpan margin);
}
