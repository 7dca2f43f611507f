using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Operations;
using ImageWarmer.Core.Operations.Drain;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Storage;
using ImageWarmer.Testing;

namespace ImageWarmer.Functions.Tests;

/// <summary>
/// An attacker holds nothing but "Queue Data Message Sender" on the queue: hostile messages go onto the real queue
/// (Azurite), the worker drains it with the queue function's handler, and the registries are the two real
/// docker-registry instances. Every attack ends as a rejected (or harmless) message with its reason in the ledger, the
/// team's tag keeps its digest, nothing is planted, and the good request behind them is warmed.
/// </summary>
public sealed class QueueTrustTests
{
    [Fact]
    public async Task Worker_HostileMessages_NothingOverwrittenNothingPlanted_ReasonsInTheLedger_GoodRequestWarmed()
    {
        using var host = new FunctionTestHost(new Dictionary<string, string?>
        {
            // Force allowed, so the ledger's provenance is what stops the namesake below; "sonatype" is listed,
            // "sonatypeevil" is not.
            ["ImageWarmer:Warming:AllowQueueForce"] = "true",
            ["ImageWarmer:Warming:AllowedRepositories:0"] = "sonatype",
            ["ImageWarmer:Warming:AllowedRepositories:1"] = "evil",
            ["ImageWarmer:Warming:AllowedRepositories:2"] = "team",
            ["ImageWarmer:Warming:AllowedRepositories:3"] = "library/nginx",
        });
        var ns = host.Namespace;
        var client = host.Get<RegistryClient>();
        var target = TestServices.TargetRegistry;
        // The team's own image, pushed to ACR by the team's pipeline (not by ImageWarmer).
        var teamDigest = await TestImages.PushAsync(client, target, "team/api", "prod");
        // What the attacker can publish upstream, and an old official image.
        await TestImages.PushAsync(client, "docker.io", "evil/payload", "latest");
        await TestImages.PushAsync(client, "docker.io", "evil/nginx", "1.28.0");
        await TestImages.PushAsync(client, "docker.io", "team/api", "prod");
        await TestImages.PushAsync(client, "docker.io", "sonatypeevil/nexus3", "3.77.2");
        var oldNginx = await TestImages.PushAsync(client, "docker.io", "library/nginx", "1.10.0");
        var good = await TestImages.PushAsync(client, "docker.io", $"sonatype/nexus3-{ns}", "1.0.0");
        Assert.Null(await Resolve(host, "library/nginx:1.28.0"));

        var overwrite = await SendAsync(host, """{"version":1,"source":"docker.io/evil/payload:latest","target":"team/api:prod","force":true,"requestedBy":"attacker"}""");
        var namesake = await SendAsync(host, """{"version":1,"source":"docker.io/team/api:prod","force":true,"requestedBy":"attacker"}""");
        var plant = await SendAsync(host, """{"version":1,"source":"docker.io/evil/nginx:1.28.0","target":"library/nginx"}""");
        var plantOtherTag = await SendAsync(host, """{"version":1,"source":"docker.io/library/nginx:1.10.0","target":"library/nginx:1.28.0"}""");
        var plantPinned = await SendAsync(host, $$"""{"version":1,"source":"docker.io/library/nginx:1.28.0@{{oldNginx}}"}""");
        var prefix = await SendAsync(host, """{"version":1,"source":"docker.io/sonatypeevil/nexus3:3.77.2"}""");
        var goodRequest = await SendAsync(host, $$"""{"version":1,"source":"docker.io/sonatype/nexus3-{{ns}}:1.0.0","requestedBy":"pipeline run 7"}""");

        var drained = await DrainAsync(host);

        Assert.Equal(["rejected", "warmed", "rejected", "rejected", "rejected", "rejected", "warmed"],
            new[] { overwrite, namesake, plant, plantOtherTag, plantPinned, prefix, goodRequest }.Select(id => drained[id]));
        Assert.Equal(teamDigest, await Resolve(host, "team/api:prod"));
        Assert.Null(await Resolve(host, "library/nginx:1.28.0"));
        Assert.Equal(good, await Resolve(host, $"sonatype/nexus3-{ns}:1.0.0"));

        var ledger = host.Get<StatusLedger>();
        Assert.Contains("target 'team/api:prod' is not in evil/payload, the repository derived from evil/payload:latest",
            await ledger.RejectionAsync(overwrite), StringComparison.Ordinal);
        Assert.Contains("target 'library/nginx' is not in evil/nginx", await ledger.RejectionAsync(plant), StringComparison.Ordinal);
        Assert.Contains("upstream's nginx:1.28.0 is not there: a queue request may only write tag 1.28.0 with the image upstream has under it",
            await ledger.RejectionAsync(plantOtherTag), StringComparison.Ordinal);
        Assert.Contains($"nginx:1.28.0@{oldNginx} is {oldNginx}, but upstream's nginx:1.28.0 is not there",
            await ledger.RejectionAsync(plantPinned), StringComparison.Ordinal);
        Assert.Contains("source repository sonatypeevil/nexus3 is not in ImageWarmer:Warming:AllowedRepositories",
            await ledger.RejectionAsync(prefix), StringComparison.Ordinal);
        var team = await ledger.GetAsync("team/api:prod");
        Assert.Equal("drifted", team?.LastResult?.ToText());
        Assert.Equal("not replaced: the ledger does not show that ImageWarmer imported team/api:prod from docker.io/team/api", team?.Note);
        Assert.Null(team?.ImportedDigest);
        var warmed = await ledger.GetAsync($"sonatype/nexus3-{ns}:1.0.0");
        Assert.Equal(("imported", $"docker.io/sonatype/nexus3-{ns}:1.0.0", good, "pipeline run 7"),
            (warmed?.LastResult?.ToText(), warmed?.ImportedSource, warmed?.ImportedDigest, warmed?.ImportedBy));
        Assert.Equal(0, (await host.Queue().GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Worker_ForcedRequest_QueueForceOff_HandledUnforced_TheLedgerSaysSo()
    {
        using var host = new FunctionTestHost();
        var (first, moved) = await ImportThenMoveUpstreamAsync(host);

        var forced = await SendAsync(host, $$"""{"version":1,"source":"docker.io/{{host.Namespace}}/app:latest","force":true}""");
        var drained = await DrainAsync(host);

        Assert.Equal("warmed", drained[forced]);
        Assert.Equal(first, await Resolve(host, $"{host.Namespace}/app:latest"));
        var row = await host.Get<StatusLedger>().GetAsync($"{host.Namespace}/app:latest");
        Assert.Equal(("drifted", moved, first), (row?.LastResult?.ToText(), row?.SourceDigest, row?.TargetDigest));
        Assert.Equal("force ignored: ImageWarmer:Warming:AllowQueueForce is off", row?.Note);
        Assert.Equal(first, row?.ImportedDigest); // the provenance of the tag is still the first import
    }

    [Fact]
    public async Task Worker_ForcedRequest_QueueForceOn_ReplacesATagImportedFromTheSameSource()
    {
        using var host = new FunctionTestHost(new Dictionary<string, string?> { ["ImageWarmer:Warming:AllowQueueForce"] = "true" });
        var (_, moved) = await ImportThenMoveUpstreamAsync(host);

        var forced = await SendAsync(host, $$"""{"version":1,"source":"docker.io/{{host.Namespace}}/app:latest","force":true,"requestedBy":"operator"}""");
        var drained = await DrainAsync(host);

        Assert.Equal("warmed", drained[forced]);
        Assert.Equal(moved, await Resolve(host, $"{host.Namespace}/app:latest"));
        var row = await host.Get<StatusLedger>().GetAsync($"{host.Namespace}/app:latest");
        Assert.Equal(("imported", moved, "operator", null), (row?.LastResult?.ToText(), row?.ImportedDigest, row?.ImportedBy, row?.Note));
    }

    // The worker imports app:latest for a pipeline, then upstream moves the tag.
    private static async Task<(string First, string Moved)> ImportThenMoveUpstreamAsync(FunctionTestHost host)
    {
        var client = host.Get<RegistryClient>();
        var first = await TestImages.PushAsync(client, "docker.io", $"{host.Namespace}/app", "latest");
        var request = await SendAsync(host, $$"""{"version":1,"source":"docker.io/{{host.Namespace}}/app:latest","requestedBy":"pipeline"}""");
        Assert.Equal("warmed", (await DrainAsync(host))[request]);
        Assert.Equal(first, await Resolve(host, $"{host.Namespace}/app:latest"));
        return (first, await TestImages.PushAsync(client, "docker.io", $"{host.Namespace}/app", "latest"));
    }

    private static async Task<string> SendAsync(FunctionTestHost host, string text)
    {
        var queue = host.Queue();
        await queue.CreateIfNotExistsAsync();
        return (await queue.SendMessageAsync(text)).Value.MessageId;
    }

    private static async Task<Dictionary<string, string>> DrainAsync(FunctionTestHost host) =>
        (await host.Get<DrainOperation>().RunAsync(new DrainRequest(MaxDequeueCount: 5))).ToDictionary(m => m.MessageId, m => m.Result);

    // What the target registry (ACR's stand-in) serves under a tag.
    private static async Task<string?> Resolve(FunctionTestHost host, string image) =>
        (await host.Get<RegistryClient>().TryResolveAsync(ImageReference.Parse($"{TestServices.TargetRegistry}/{image}")))?.Digest;
}
