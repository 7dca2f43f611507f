using System.Diagnostics.Metrics;
using ImageWarmer.Core.Operations;
using ImageWarmer.Core.Operations.HandleMessage;
using ImageWarmer.Core.Storage;
using ImageWarmer.Testing;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Functions.Tests;

/// <summary>What Program.cs sets up around the functions: host.json's retry count, log levels that reach
/// Application Insights, and metrics forwarded to it.</summary>
public sealed class WorkerSetupTests
{
    [Fact]
    public void HostJsonSettings_RepositoryHostJson_MaxDequeueCountReachesTheStorageOptions()
    {
        var settings = HostJsonSettings.Read(Path.Combine(RepositoryPaths.Root, "host.json")).ToDictionary();

        Assert.Equal("5", settings["ImageWarmer:Storage:MaxDequeueCount"]);
        using var services = RegistryTestHost.Build(settings);
        Assert.Equal(5, services.GetRequiredService<IOptions<StorageOptions>>().Value.MaxDequeueCount);
    }

    [Fact]
    public void WorkerLogging_ApplicationInsightsDefaultRuleRemoved_InformationFromOurCategoriesPasses()
    {
        var services = new ServiceCollection();
        services.AddApplicationInsightsTelemetryWorkerService();
        services.AddLogging(logging => WorkerLogging.Configure(logging));
        using var provider = services.BuildServiceProvider();

        // The only logger provider here is Application Insights': what it lets through is what reaches it.
        var loggers = provider.GetRequiredService<ILoggerFactory>();
        Assert.True(loggers.CreateLogger("ImageWarmer.Core.Operations.HandleMessage.HandleMessageOperation").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("Polly").IsEnabled(LogLevel.Information));
        Assert.DoesNotContain(provider.GetRequiredService<IOptions<LoggerFilterOptions>>().Value.Rules,
            r => r.ProviderName == WorkerLogging.ApplicationInsightsProvider && r.CategoryName is null);
    }

    [Fact]
    public async Task ApplicationInsightsMetrics_WarmMetrics_ArriveAsCustomMetricsWithTheirDimension()
    {
        var channel = new CapturingChannel();
        using var configuration = new TelemetryConfiguration { TelemetryChannel = channel, ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000" };
        var telemetry = new TelemetryClient(configuration);
        using var metricsServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new WarmMetrics(metricsServices.GetRequiredService<IMeterFactory>());
        using var forwarder = new ApplicationInsightsMetrics(telemetry);
        await forwarder.StartAsync(CancellationToken.None);

        metrics.Poisoned();
        metrics.NightlyRun(succeeded: false);
        await forwarder.StopAsync(CancellationToken.None);

        var sent = channel.Items.OfType<MetricTelemetry>().ToList();
        Assert.Contains(sent, m => m.Name == "imagewarmer.requests.poisoned" && m.Sum == 1);
        Assert.Contains(sent, m => m.Name == "imagewarmer.nightly.runs" && m.Properties["result"] == "failed");
    }

    private sealed class CapturingChannel : ITelemetryChannel
    {
        public List<ITelemetry> Items { get; } = [];

        public bool? DeveloperMode { get; set; }

        public string? EndpointAddress { get; set; }

        public void Send(ITelemetry item)
        {
            lock (Items)
            {
                Items.Add(item);
            }
        }

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}
