using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Tests.Contracts;

/// <summary>The queue messages ImageWarmer writes (<c>request</c>, and the nightly run's fan-out), read back from Azurite,
/// base64-decoded as the Functions host decodes them, and validated against docs/contracts/warm-request.schema.json.</summary>
public sealed class WarmRequestContractTests : IDisposable
{
    private readonly string _id = Guid.NewGuid().ToString("n")[..10];
    private readonly TemporaryDirectory _directory = new();
    private readonly ServiceProvider _services = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());
    private readonly string _config;

    public WarmRequestContractTests() => _config = LocalSettings.Write(_directory, QueueName, "ledger" + _id,
        ("ImageWarmer:Storage:ReportsContainer", "reports-" + _id), ("ImageWarmer:Warming:DriftPolicy", "Reimport"));

    private string QueueName => "contract-" + _id;

    private string Ns => "q" + _id;

    [Fact]
    public async Task RequestAndNightly_EnqueuedMessages_MatchTheWarmRequestContract()
    {
        var client = _services.GetRequiredService<RegistryClient>();
        await TestImages.PushAsync(client, "docker.io", $"{Ns}/missing", "1.0.0");
        await TestImages.PushAsync(client, "docker.io", $"{Ns}/floating", "latest");
        await TestImages.CopyAsync(client, "docker.io", $"{Ns}/floating", "latest", TestServices.TargetRegistry, $"{Ns}/floating");
        await TestImages.PushAsync(client, "docker.io", $"{Ns}/floating", "latest"); // drifted: re-imported under Reimport
        _directory.Write("manifests/imagewarmer.yaml", $"images:\n  - {Ns}/missing:1.0.0\n  - {Ns}/floating:latest\n");

        var request = await Cli("request", "sonatype/nexus3:3.77.2", "--target", "sonatype/nexus3:stable", "--requested-by", "pipeline run 1234");
        var bare = await Cli("request", "nginx");
        var nightly = await Cli("nightly", "--manifests", Path.Combine(_directory.Path, "manifests"));

        Assert.Equal((0, 0, 0), (request.ExitCode, bare.ExitCode, nightly.ExitCode));
        var messages = await ReadQueueAsync();
        Assert.Equal(4, messages.Count);
        Assert.All(messages, message => ContractSchemas.AssertValid("warm-request", message));
        // The drifted image is asked for without force: the worker's own drift policy (Reimport) decides, a queue's force is not trusted.
        using var drifted = JsonDocument.Parse(Assert.Single(messages, m => m.Contains($"{Ns}/floating", StringComparison.Ordinal)));
        Assert.False(drifted.RootElement.GetProperty("force").GetBoolean());
    }

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }

    private Task<CliRun> Cli(params string[] args) => CliRun.InvokeAsync([.. args, "--config", _config]);

    /// <summary>Every message on the queue, as the raw base64 the host receives, decoded.</summary>
    private async Task<List<string>> ReadQueueAsync()
    {
        var queue = new QueueClient(TestServices.StorageConnectionString, QueueName);
        var peeked = (await queue.PeekMessagesAsync(maxMessages: 32)).Value;
        return [.. peeked.Select(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Body.ToString())))];
    }
}
