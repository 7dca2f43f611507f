using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageWarmer.Functions;

/// <summary>The worker's log levels, set in code (<c>Logging:LogLevel</c> settings still override them).</summary>
public static class WorkerLogging
{
    /// <summary>The Application Insights logger provider, whose SDK-added rule is removed.</summary>
    public const string ApplicationInsightsProvider = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    /// <summary>Ours at Information, the SDKs' chatter at Warning, and the Application Insights SDK's default rule
    /// (Warning and above from every category) removed, as the isolated worker guide says: with it, the worker's
    /// Information logs (what each request and nightly run did) never reach Application Insights.</summary>
    public static ILoggingBuilder Configure(ILoggingBuilder logging)
    {
        logging.Services.Configure<LoggerFilterOptions>(options =>
        {
            var sdkDefault = options.Rules.FirstOrDefault(rule => rule.ProviderName == ApplicationInsightsProvider);
            if (sdkDefault is not null)
            {
                options.Rules.Remove(sdkDefault);
            }
        });
        return logging.SetMinimumLevel(LogLevel.Information)
            .AddFilter("ImageWarmer", LogLevel.Information)
            .AddFilter("Azure.Core", LogLevel.Warning)
            .AddFilter("System.Net.Http.HttpClient", LogLevel.Warning)
            .AddFilter("Polly", LogLevel.Warning);
    }
}
