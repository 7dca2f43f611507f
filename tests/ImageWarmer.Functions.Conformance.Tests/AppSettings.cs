using ImageWarmer.Testing;

namespace ImageWarmer.Functions.Conformance.Tests;

/// <summary>The app settings an instance gets (as infra/main.bicep sets them), over Azurite and the local
/// registries, with a queue, containers and a ledger table of the test's own.</summary>
internal sealed class AppSettings
{
    public AppSettings()
    {
        var id = Guid.NewGuid().ToString("n")[..10];
        Namespace = "c" + id;
        QueueName = "warm-" + id;
        Values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = TestServices.StorageConnectionString,
            ["WarmQueueName"] = QueueName,
            // Never within a test, unless a test sets its own.
            ["WarmSchedule"] = "0 0 0 1 1 *",
            ["ImageWarmer:Registry:Endpoints:0:Registry"] = "docker.io",
            ["ImageWarmer:Registry:Endpoints:0:Url"] = $"http://{TestServices.UpstreamRegistry}",
            ["ImageWarmer:Planning:TargetRegistry"] = TestServices.TargetRegistry,
            ["ImageWarmer:Snapshot:Container"] = "manifests-" + id,
            ["ImageWarmer:Storage:ReportsContainer"] = "reports-" + id,
            ["ImageWarmer:Storage:LedgerTable"] = "ledger" + id,
            // What src/ImageWarmer.Functions/Program.cs reads from host.json.
            ["ImageWarmer:Storage:MaxDequeueCount"] = HostJson.MaxDequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        HostId = "conformance-" + id;
    }

    public Dictionary<string, string?> Values { get; }

    public string Namespace { get; }

    public string QueueName { get; }

    public string HostId { get; }
}
