using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Operations.Prune;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Retention;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Functions.Tests.NoHarm;

/// <summary>Prune never breaks what is in use, against the target docker-registry and a ledger in Azurite: a manifest an
/// index behind another tag lists stays (its tag is kept, with the reason), and a stale ledger deletes nothing. Each test
/// also deletes something, so that "nothing deleted" is not "prune did nothing at all".</summary>
public sealed class PruneSafetyTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);
    private readonly FunctionTestHost _host = new();
    private readonly TemporaryDirectory _manifests = new();

    [Fact]
    public async Task Prune_ChildOfATaggedIndexUnderAnUndeclaredPinTag_KeepsTheChildPullableByDigest()
    {
        var (ns, client, target) = (_host.Namespace, _host.Get<RegistryClient>(), TestServices.TargetRegistry);
        // nginx:1.27 (an index) is declared; its amd64 child is also under the tag of a digest-pinned declaration that went.
        var (amd64, pinTag) = await TestImages.PushIndexWithPinnedChildAsync(client, target, $"{ns}/nginx", "1.27");
        var old = await TestImages.PushAsync(client, target, $"{ns}/old", "1.0.0");
        await _host.RecordImportedAsync($"{ns}/nginx:{pinTag}", $"docker.io/{ns}/nginx@{amd64}", amd64, DateTimeOffset.UtcNow.AddDays(-40));
        await _host.RecordImportedAsync($"{ns}/old:1.0.0", $"docker.io/{ns}/old:1.0.0", old, DateTimeOffset.UtcNow.AddDays(-40));
        _manifests.Write("imagewarmer.yaml", $"images:\n  - {ns}/nginx:1.27\n");

        var result = await _host.Get<PruneOperation>().RunAsync(new PruneRequest(null, Window, Apply: true, Manifests: [_manifests.Path]));

        var items = result.Items.Where(i => i.Target.StartsWith(ns + "/", StringComparison.Ordinal)).ToDictionary(i => i.Target);
        Assert.Equal(PruneAction.Deleted, items[$"{ns}/old:1.0.0"].Action);
        var pin = items[$"{ns}/nginx:{pinTag}"];
        Assert.Equal(PruneAction.Kept, pin.Action);
        Assert.Contains("the index under tag 1.27", pin.Reason, StringComparison.Ordinal);
        Assert.Equal(amd64, await Skopeo.DigestAsync($"{target}/{ns}/nginx@{amd64}"));
        Assert.Equal(amd64, (await client.TryResolveAsync(ImageReference.Parse($"{target}/{ns}/nginx:{pinTag}")))?.Digest);
        Assert.Null(await client.TryResolveAsync(ImageReference.Parse($"{target}/{ns}/old:1.0.0")));
    }

    [Fact]
    public async Task Prune_LedgerWhoseLastDeclarationRunIsWeeksOld_DeletesNothingAndSaysWhy()
    {
        var (ns, client, target) = (_host.Namespace, _host.Get<RegistryClient>(), TestServices.TargetRegistry);
        var ledger = _host.Get<IStatusLedger>();
        var weeksAgo = DateTimeOffset.UtcNow.AddDays(-40);
        var digest = await TestImages.PushAsync(client, target, $"{ns}/app", "1.0.0");
        await _host.RecordImportedAsync($"{ns}/app:1.0.0", $"docker.io/{ns}/app:1.0.0", digest, weeksAgo);
        // The last nightly run declared it 40 days ago, and none has run since; the manifests still declare it.
        await ledger.RecordDeclaredAsync([KeyValuePair.Create($"{ns}/app:1.0.0", $"docker.io/{ns}/app:1.0.0")], weeksAgo);
        await ledger.RecordDeclarationRunAsync(target, weeksAgo, problems: 0);
        var prune = _host.Get<PruneOperation>();

        var stale = await prune.RunAsync(new PruneRequest(null, Window, Apply: true));

        Assert.Empty(stale.Items);
        Assert.Contains("prune deletes nothing", stale.Refusal, StringComparison.Ordinal);
        Assert.Contains("40d ago", stale.Refusal, StringComparison.Ordinal);
        Assert.Equal(digest, (await client.TryResolveAsync(ImageReference.Parse($"{target}/{ns}/app:1.0.0")))?.Digest);

        // A later run with problems does not make it fresh either; a clean one does, and then the same row goes.
        await ledger.RecordDeclarationRunAsync(target, DateTimeOffset.UtcNow, problems: 2);
        var withProblems = await prune.RunAsync(new PruneRequest(null, Window, Apply: true));
        Assert.Contains("40d ago", withProblems.Refusal, StringComparison.Ordinal);
        await ledger.RecordDeclarationRunAsync(target, DateTimeOffset.UtcNow, problems: 0);
        var fresh = await prune.RunAsync(new PruneRequest(null, Window, Apply: true));
        Assert.Null(fresh.Refusal);
        Assert.Equal(PruneAction.Deleted, Assert.Single(fresh.Items, i => i.Target == $"{ns}/app:1.0.0").Action);
    }

    [Fact]
    public async Task Prune_NoDeclarationRunEver_DeletesNothing_UntilClockSaysTheCleanRunIsStale()
    {
        var target = TestServices.TargetRegistry;
        var never = await _host.Get<PruneOperation>().RunAsync(new PruneRequest(null, Window, Apply: true));
        Assert.Contains("no complete declaration run without problems", never.Refusal, StringComparison.Ordinal);

        await _host.Get<IStatusLedger>().RecordDeclarationRunAsync(target, DateTimeOffset.UtcNow, problems: 0);
        // The same ledger read by a clock three days on: the run is older than the two-day bound.
        using var later = new FunctionTestHost(
            new() { ["ImageWarmer:Storage:LedgerTable"] = _host.LedgerTable },
            services => services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(DateTimeOffset.UtcNow.AddDays(3))));
        var stale = await later.Get<PruneOperation>().RunAsync(new PruneRequest(null, Window, Apply: false));
        Assert.Contains("3d ago, longer than 2 days", stale.Refusal, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _host.Dispose();
        _manifests.Dispose();
    }
}
