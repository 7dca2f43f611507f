using System.Text;
using Azure.Storage.Queues.Models;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Operations;
using ImageWarmer.Core.Operations.HandleMessage;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Storage;
using ImageWarmer.Testing;

namespace ImageWarmer.Functions.Tests;

/// <summary>The queue function called directly with messages as the host hands them over, against real storage and registries.</summary>
public sealed class WarmRequestFunctionTests : IDisposable
{
    private readonly FunctionTestHost _host = new();

    [Fact]
    public async Task Run_ValidRequest_WarmsTheImageAndRecordsItInTheLedger()
    {
        var ns = _host.Namespace;
        var digest = await TestImages.PushAsync(_host.Get<RegistryClient>(), "docker.io", $"{ns}/nexus3", "3.77.2");

        await Function().RunAsync(Message($$"""{"version":1,"source":"docker.io/{{ns}}/nexus3:3.77.2","target":"{{ns}}/nexus3","requestedBy":"pipeline run 1234","force":false}"""), CancellationToken.None);

        var inTarget = await _host.Get<RegistryClient>().TryResolveAsync(ImageReference.Parse($"{TestServices.TargetRegistry}/{ns}/nexus3:3.77.2"));
        Assert.Equal(digest, inTarget?.Digest);
        var row = await _host.Get<StatusLedger>().GetAsync($"{ns}/nexus3:3.77.2");
        Assert.NotNull(row);
        Assert.Equal(("imported", 1, "pipeline run 1234", digest), (row.LastResult?.ToText(), row.Attempts, row.RequestedBy, row.TargetDigest));
        // The tag's provenance: what was imported, by which digest, for whom.
        Assert.Equal(($"docker.io/{ns}/nexus3:3.77.2", digest, "pipeline run 1234"), (row.ImportedSource, row.ImportedDigest, row.ImportedBy));
    }

    [Theory]
    [InlineData("not json at all", "not a warm request in JSON")]
    [InlineData("""{"version":2,"source":"nginx:1.27"}""", "version 2 is not supported")]
    [InlineData("""{"source":"nginx:1.27"}""", "version 0 is not supported")]
    [InlineData("""{"version":1}""", "no source image")]
    [InlineData("""{"version":1,"source":"ghcr.io/someone/miner:1"}""", "source registry ghcr.io is not allowed")]
    [InlineData("""{"version":1,"source":"nginx;rm -rf /"}""", "metacharacter")]
    [InlineData("""{"version":1,"source":"nginx:1.27","target":"Bad Target"}""", "not a valid ACR repository")]
    [InlineData("""{"version":"1","source":"nginx:1.27"}""", "not a warm request in JSON")]
    [InlineData("""{"version":1,"source":"nginx:1.27","target":"mirror/nginx"}""", "is not in library/nginx, the repository derived from nginx:1.27")]
    [InlineData("""{"version":1,"source":"nginx:1.27","deferrals":-5}""", "deferrals cannot be negative")]
    public async Task Run_BadMessage_RejectedWithTheReason_NotThrown(string body, string reason)
    {
        var message = Message(body);

        await Function().RunAsync(message, CancellationToken.None);

        Assert.Contains(reason, await _host.Get<StatusLedger>().RejectionAsync(message.MessageId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_HugeMessage_RejectedWithTheReason()
    {
        var message = Message("{\"version\":1,\"source\":\"nginx:1.27\",\"requestedBy\":\"" + new string('x', 64 * 1024) + "\"}");

        await Function().RunAsync(message, CancellationToken.None);

        Assert.Contains("a warm request is at most", await _host.Get<StatusLedger>().RejectionAsync(message.MessageId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UpstreamUnreachable_ThrowsSoTheHostRetries()
    {
        using var host = new FunctionTestHost(new Dictionary<string, string?>
        {
            ["ImageWarmer:Registry:Endpoints:0:Url"] = "http://127.0.0.1:1",
            ["ImageWarmer:Registry:MaxRetryAttempts"] = "0",
        });
        var function = new WarmRequestFunction(host.Get<HandleMessageOperation>());

        var e = await Assert.ThrowsAsync<WarmRequestRetryException>(() =>
            function.RunAsync(Message($$"""{"version":1,"source":"docker.io/{{host.Namespace}}/app:latest"}"""), CancellationToken.None));

        Assert.Contains("127.0.0.1:1", e.Message, StringComparison.Ordinal);
        var row = await host.Get<StatusLedger>().GetAsync($"{host.Namespace}/app:latest");
        Assert.Equal(("failed", 1), (row?.LastResult?.ToText(), row?.Attempts));
    }

    public void Dispose() => _host.Dispose();

    private WarmRequestFunction Function() => new(_host.Get<HandleMessageOperation>());

    private static QueueMessage Message(string body) =>
        QueuesModelFactory.QueueMessage(Guid.NewGuid().ToString(), "receipt", new BinaryData(Encoding.UTF8.GetBytes(body)), dequeueCount: 1);
}
