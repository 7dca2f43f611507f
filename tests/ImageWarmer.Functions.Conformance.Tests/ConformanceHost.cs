using ImageWarmer.Core;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Azure.WebJobs.Host.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImageWarmer.Functions.Conformance.Tests;

/// <summary>
/// One instance of the Functions app as the Functions host runs it: the WebJobs SDK with the queue extension (options
/// bound from our <c>host.json</c>), the timer extension and the storage-backed singleton locks, over Azurite; our
/// engine registered as <c>src/ImageWarmer.Functions/Program.cs</c> registers it; only the given function classes.
/// </summary>
internal sealed class ConformanceHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ConformanceHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <summary>Builds and starts a host named <paramref name="name"/> (app instance) of the app <paramref name="hostId"/>.</summary>
    public static async Task<ConformanceHost> StartAsync(
        string name, string hostId, IReadOnlyDictionary<string, string?> settings, Type[] functions, Invocations invocations, CapturedLogs logs,
        Action<QueuesOptions>? queueTiming = null)
    {
        var host = new HostBuilder()
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings))
            .ConfigureLogging(l => l.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug))
            .ConfigureWebJobs(b =>
            {
                b.UseHostId(hostId);
                b.AddAzureStorageCoreServices();
                b.AddAzureStorageQueues(o =>
                {
                    HostJson.Queues.Bind(o);
                    queueTiming?.Invoke(o);
                });
                b.AddTimers();
            })
            .ConfigureServices((context, services) =>
            {
                services.AddImageWarmer(context.Configuration).AddImageWarmerWorker();
                services.AddSingleton(invocations);
                services.AddSingleton(new HostName(name));
                services.Replace(ServiceDescriptor.Singleton<ITypeLocator>(new FunctionTypes(functions)));
            })
            .Build();
        await host.StartAsync();
        return new ConformanceHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private sealed class FunctionTypes(Type[] types) : ITypeLocator
    {
        public IReadOnlyList<Type> GetTypes() => types;
    }
}
