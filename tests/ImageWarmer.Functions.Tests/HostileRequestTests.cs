using System.Text;
using Azure.Storage.Queues.Models;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Operations.HandleMessage;
using ImageWarmer.Core.Storage;
using ImageWarmer.Testing;

namespace ImageWarmer.Functions.Tests;

/// <summary>Queue messages whose image cannot be warmed whatever the number of tries: completed with the reason in the
/// ledger, never retried until poisoned.</summary>
public sealed class HostileRequestTests
{
    [Fact]
    public async Task Run_TargetTooLongForTheRegistry_RejectedWithTheReason()
    {
        using var host = new FunctionTestHost();
        // Valid on Docker Hub, one character too long in the target registry, whatever its port.
        var repository = $"{host.Namespace}/{new string('r', 255 - TestServices.TargetRegistry.Length - host.Namespace.Length - 1)}";
        var message = Message($$"""{"version":1,"source":"docker.io/{{repository}}:1"}""");

        await new WarmRequestFunction(host.Get<Core.Operations.HandleMessage.HandleMessageOperation>()).RunAsync(message, CancellationToken.None);

        Assert.Contains($"the ACR name {TestServices.TargetRegistry}/{repository} would be", await host.Get<StatusLedger>().RejectionAsync(message.MessageId),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UpstreamManifestThatLies_FailedOnce_NotThrownForARetry()
    {
        var manifest = Encoding.UTF8.GetBytes(
            """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:not-one","size":1.5}}""");
        // Served by tag (the plan's HEAD) and by digest (the import asks for the digest the plan saw).
        await using var upstream = HostileServer.Start(r => r.Path.Contains("/manifests/", StringComparison.Ordinal)
            ? new HostileServer.Reply(200, manifest, new Dictionary<string, string>
            {
                ["Content-Type"] = "application/vnd.oci.image.manifest.v1+json",
                ["Docker-Content-Digest"] = Core.Registry.Digests.Sha256(manifest),
            })
            : HostileServer.Reply.NotFound());
        using var host = new FunctionTestHost(new() { ["ImageWarmer:Registry:Endpoints:0:Url"] = upstream.Url });

        await new WarmRequestFunction(host.Get<Core.Operations.HandleMessage.HandleMessageOperation>())
            .RunAsync(Message($$"""{"version":1,"source":"docker.io/{{host.Namespace}}/liar:1"}"""), CancellationToken.None);

        var row = await host.Get<StatusLedger>().GetAsync($"{host.Namespace}/liar:1");
        Assert.Equal(("failed", 1), (row?.LastResult?.ToText(), row?.Attempts));
        Assert.Contains("has a digest that is not one", row?.Error, StringComparison.Ordinal);
    }

    private static QueueMessage Message(string body) =>
        QueuesModelFactory.QueueMessage(Guid.NewGuid().ToString(), "receipt", new BinaryData(Encoding.UTF8.GetBytes(body)), dequeueCount: 1);
}
