using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Operations.Drain;
using ImageWarmer.Core.Operations.Warm;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Warming;
using ImageWarmer.Testing;

namespace ImageWarmer.Functions.Tests.NoHarm;

/// <summary>A tag is replaced only when the ledger proves it still holds what ImageWarmer imported, against the two
/// docker-registry instances with the queue and ledger in Azurite: ImageWarmer imported python:3.12, the team re-pushed
/// its own python:3.12 in ACR, upstream moved; neither a forced queue request (AllowQueueForce) nor a Reimport warm
/// replaces the team's digest or writes a backup tag, and the ledger says <c>kept</c> and why. The same run, once the tag
/// holds ImageWarmer's digest again, does replace it (so "kept" is the proof failing, not replacement being off).</summary>
public sealed class ReplacementProofTests : IDisposable
{
    private readonly FunctionTestHost _host = new(new()
    {
        ["ImageWarmer:Warming:AllowQueueForce"] = "true",
        ["ImageWarmer:Warming:DriftPolicy"] = "Reimport",
    });
    private readonly TemporaryDirectory _manifests = new();

    [Fact]
    public async Task ForcedRequestAndReimport_TagTheTeamRepushed_TeamsDigestStays_ReportedKept()
    {
        var (ns, client, target) = (_host.Namespace, _host.Get<RegistryClient>(), TestServices.TargetRegistry);
        var imported = await TestImages.PushAsync(client, "docker.io", $"{ns}/python", "3.12");
        await DrainOneAsync($$"""{"version":1,"source":"docker.io/{{ns}}/python:3.12","requestedBy":"pipeline"}""");
        Assert.Equal(imported, await ResolveAsync($"{ns}/python:3.12"));
        var teams = await TestImages.PushAsync(client, target, $"{ns}/python", "3.12");
        var upstream = await TestImages.PushAsync(client, "docker.io", $"{ns}/python", "3.12");

        var forced = await DrainOneAsync($$"""{"version":1,"source":"docker.io/{{ns}}/python:3.12","force":true,"requestedBy":"operator"}""");
        _manifests.Write("imagewarmer.yaml", $"images:\n  - {ns}/python:3.12\n");
        var warmed = await _host.Get<WarmOperation>().RunAsync(new WarmRunRequest(_manifests.Path, target));

        Assert.Equal("warmed", forced);
        var item = Assert.Single(warmed.Report.Items);
        Assert.Equal((WarmStatus.Kept, null), (item.After, item.Backup));
        Assert.Equal($"kept: {ns}/python:3.12 holds {teams}, not the {imported} ImageWarmer imported: someone else put it there", item.Error);
        Assert.Equal(teams, await ResolveAsync($"{ns}/python:3.12"));
        Assert.Equal(teams, await Skopeo.DigestAsync($"{target}/{ns}/python:3.12"));
        Assert.DoesNotContain(await TagsAsync(), t => t.Contains("-prev-", StringComparison.Ordinal));
        var row = await _host.Get<IStatusLedger>().GetAsync($"{ns}/python:3.12");
        Assert.Equal(("kept", imported, upstream), (row?.LastResult?.ToText(), row?.ImportedDigest, row?.SourceDigest));
        Assert.StartsWith("kept: ", row?.Error, StringComparison.Ordinal);

        // Put ImageWarmer's digest back: now the proof holds, and the same run replaces the tag after keeping a backup.
        await client.PutManifestAsync(new RepositoryRef(target, $"{ns}/python"), "3.12", MediaTypes.OciManifest,
            (await client.TryGetManifestAsync(ImageReference.Parse($"{target}/{ns}/python@{imported}")))!.Bytes);
        var replaced = Assert.Single((await _host.Get<WarmOperation>().RunAsync(new WarmRunRequest(_manifests.Path, target))).Report.Items);
        Assert.Equal((WarmStatus.Imported, imported), (replaced.After, replaced.Backup?.Digest));
        Assert.Equal(upstream, await ResolveAsync($"{ns}/python:3.12"));
    }

    public void Dispose()
    {
        _host.Dispose();
        _manifests.Dispose();
    }

    private async Task<string> DrainOneAsync(string message)
    {
        var queue = _host.Queue();
        await queue.CreateIfNotExistsAsync();
        var id = (await queue.SendMessageAsync(message)).Value.MessageId;
        var drained = await _host.Get<DrainOperation>().RunAsync(new DrainRequest(MaxDequeueCount: 5));
        return Assert.Single(drained, m => m.MessageId == id).Result;
    }

    private async Task<string?> ResolveAsync(string image) =>
        (await _host.Get<RegistryClient>().TryResolveAsync(ImageReference.Parse($"{TestServices.TargetRegistry}/{image}")))?.Digest;

    private async Task<List<string>> TagsAsync() =>
        await _host.Get<RegistryClient>().ListTagsAsync(new RepositoryRef(TestServices.TargetRegistry, $"{_host.Namespace}/python")).ToListAsync();
}
