using Azure.Storage.Queues;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Functions.Tests;

/// <summary>The services the Functions host would build, over Azurite and the local registries, with a queue,
/// containers and a ledger table of this test's own.</summary>
internal sealed class FunctionTestHost : IDisposable
{
    public FunctionTestHost(Dictionary<string, string?>? extra = null, Action<IServiceCollection>? configure = null)
    {
        var id = Guid.NewGuid().ToString("n")[..10];
        Namespace = "f" + id;
        QueueName = "warm-" + id;
        var settings = new Dictionary<string, string?>(RegistryTestHost.UpstreamAsDockerHub())
        {
            ["AzureWebJobsStorage"] = TestServices.StorageConnectionString,
            ["WarmQueueName"] = QueueName,
            ["ImageWarmer:Planning:TargetRegistry"] = TestServices.TargetRegistry,
            ["ImageWarmer:Snapshot:Container"] = "manifests-" + id,
            ["ImageWarmer:Storage:ReportsContainer"] = "reports-" + id,
            ["ImageWarmer:Storage:LedgerTable"] = "ledger" + id,
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }
        Services = RegistryTestHost.Build(settings, configure);
        LedgerTable = settings["ImageWarmer:Storage:LedgerTable"]!;
    }

    public ServiceProvider Services { get; }

    public string Namespace { get; }

    public string QueueName { get; }

    /// <summary>The ledger table (a second host given it shares this host's ledger, e.g. under another clock).</summary>
    public string LedgerTable { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Records in this host's ledger an import of <paramref name="digest"/> under <paramref name="target"/>, as the
    /// configured registry's row, by a clock set to <paramref name="at"/> (a row written weeks ago).</summary>
    public async Task RecordImportedAsync(string target, string source, string digest, DateTimeOffset at)
    {
        using var then = new FunctionTestHost(
            new() { ["ImageWarmer:Storage:LedgerTable"] = LedgerTable },
            services => services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(at)));
        await then.Get<Core.Contracts.IStatusLedger>().RecordAsync(
            new Core.Contracts.LedgerRecord(target, source, digest, digest, Core.Contracts.LedgerResult.Imported, null, "test", "imagewarmer.yaml:2") { ImportedDigest = digest });
    }

    /// <summary>The queue as the Functions host reads it: base64 messages, decoded.</summary>
    public QueueClient Queue() => new(TestServices.StorageConnectionString, QueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public void Dispose() => Services.Dispose();
}
