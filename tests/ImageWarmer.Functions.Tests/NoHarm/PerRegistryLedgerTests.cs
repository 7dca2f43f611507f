using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Operations.Prune;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Retention;
using ImageWarmer.Testing;

namespace ImageWarmer.Functions.Tests.NoHarm;

/// <summary>Ledger rows belong to one target registry, with the ledger in Azurite and the two docker-registry instances as
/// two targets: a prune of another registry with the same ledger reads none of the configured registry's rows, so the
/// same image under the same tag there is untouched; rows from before rows were per registry are the configured
/// registry's, and its prune still removes what they name.</summary>
public sealed class PerRegistryLedgerTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);
    private readonly FunctionTestHost _host = new();
    private readonly TemporaryDirectory _manifests = new();

    [Fact]
    public async Task Prune_AnotherRegistryWithTheSameLedger_ItsTagsUntouched_TheConfiguredRegistrysRowsStillPruneThere()
    {
        var (ns, client) = (_host.Namespace, _host.Get<RegistryClient>());
        var (configured, other) = (TestServices.TargetRegistry, TestServices.UpstreamRegistry);
        var digest = await TestImages.PushAsync(client, configured, $"{ns}/app", "1.0.0");
        await TestImages.CopyAsync(client, configured, $"{ns}/app", "1.0.0", other, $"{ns}/app");
        // A row as every release wrote it before rows were per registry: in the ledger's first partition, 40 days old.
        await _host.RecordImportedAsync($"{ns}/app:1.0.0", $"docker.io/{ns}/app:1.0.0", digest, DateTimeOffset.UtcNow.AddDays(-40));
        _manifests.Write("imagewarmer.yaml", $"images:\n  - {ns}/declared:1.0.0\n");
        var prune = _host.Get<PruneOperation>();

        var there = await prune.RunAsync(new PruneRequest(other, Window, Apply: true, Manifests: [_manifests.Path]));

        Assert.Null(there.Refusal);
        Assert.DoesNotContain(there.Items, i => i.Target.StartsWith(ns + "/", StringComparison.Ordinal));
        Assert.Equal(digest, await Skopeo.DigestAsync($"{other}/{ns}/app:1.0.0"));

        var here = await prune.RunAsync(new PruneRequest(null, Window, Apply: true, Manifests: [_manifests.Path]));

        Assert.Equal(PruneAction.Deleted, Assert.Single(here.Items, i => i.Target == $"{ns}/app:1.0.0").Action);
        Assert.Null(await client.TryResolveAsync(ImageReference.Parse($"{configured}/{ns}/app:1.0.0")));
        Assert.Equal(digest, await Skopeo.DigestAsync($"{other}/{ns}/app:1.0.0"));
    }

    [Fact]
    public async Task Rows_WrittenForAnotherRegistry_NotReadForTheConfiguredOne_NorTheOtherWayRound()
    {
        var ns = _host.Namespace;
        var ledger = _host.Get<IStatusLedger>();
        var other = ledger.For(TestServices.UpstreamRegistry);
        await other.RecordAsync(new LedgerRecord($"{ns}/app:1.0.0", $"docker.io/{ns}/app:1.0.0", null, null, LedgerResult.Present, null, "test", ""));

        Assert.Null(await ledger.GetAsync($"{ns}/app:1.0.0"));
        Assert.Null(await ledger.For(TestServices.TargetRegistry).GetAsync($"{ns}/app:1.0.0"));
        Assert.Equal(LedgerResult.Present, (await other.GetAsync($"{ns}/app:1.0.0"))?.LastResult);
        Assert.DoesNotContain(await ledger.ListAsync().ToListAsync(), r => r.Target.StartsWith(ns + "/", StringComparison.Ordinal));
        Assert.Single(await other.ListAsync().ToListAsync(), r => r.Target.StartsWith(ns + "/", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _host.Dispose();
        _manifests.Dispose();
    }
}
