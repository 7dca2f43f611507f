using System.Text.Json;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Tests.Commands;

/// <summary>Prune what nothing declares, against a ledger in Azurite and the target docker-registry: the dry run lists,
/// <c>--apply</c> deletes the tags ImageWarmer created that went undeclared past the window, and keeps foreign tags, young
/// tags, declared tags, a tag someone re-pushed, and a tag whose image another tag shares.</summary>
public sealed class PruneCommandTests : IDisposable
{
    private readonly string _ns = "q" + Guid.NewGuid().ToString("n")[..10];
    private readonly string _table = "prune" + Guid.NewGuid().ToString("n")[..12];
    private readonly TemporaryDirectory _directory = new();
    private readonly string _target = TestServices.TargetRegistry;

    [Fact]
    public async Task Prune_DryRunListsThenApplyDeletes_OnlyOldUndeclaredTagsImageWarmerCreated()
    {
        var now = DateTimeOffset.UtcNow;
        using var weeksAgo = Ledger(now.AddDays(-40));
        using var daysAgo = Ledger(now.AddDays(-5));
        var client = weeksAgo.GetRequiredService<RegistryClient>();
        var digests = new Dictionary<string, string>();
        foreach (var name in new[] { "old", "young", "declared", "lapsed", "foreign", "repushed", "shared", "app" })
        {
            digests[name] = await TestImages.PushAsync(client, _target, $"{_ns}/{name}", "1.0.0");
        }
        await Imported(weeksAgo, "old", digests["old"]);
        await Imported(daysAgo, "young", digests["young"]);
        await Imported(weeksAgo, "declared", digests["declared"]);
        await Imported(weeksAgo, "lapsed", digests["lapsed"]);
        await Imported(weeksAgo, "repushed", digests["repushed"]);
        await Imported(weeksAgo, "shared", digests["shared"]);
        await Imported(weeksAgo, "app", digests["app"]);
        // A tag ImageWarmer only ever found there; one re-pushed by someone since the import; one that shares its image.
        await weeksAgo.GetRequiredService<IStatusLedger>().RecordAsync(Record("foreign", null, LedgerResult.Present));
        await TestImages.PushAsync(client, _target, $"{_ns}/repushed", "1.0.0");
        await client.PutManifestAsync(new RepositoryRef(_target, $"{_ns}/shared"), "stable", MediaTypes.OciManifest,
            (await client.TryGetManifestAsync(ImageReference.Parse($"{_target}/{_ns}/shared:1.0.0")))!.Bytes);
        // app's tag moved twice: its first image was kept weeks ago, its second days ago.
        var first = await TestImages.PushAsync(client, _target, $"{_ns}/app", "1.0.0-prev-old");
        var second = await TestImages.PushAsync(client, _target, $"{_ns}/app", "1.0.0-prev-new");
        await weeksAgo.GetRequiredService<IStatusLedger>().RecordAsync(Record("app", digests["app"], LedgerResult.Imported) with
        {
            ImportedDigest = digests["app"], BackupTarget = $"{_ns}/app:1.0.0-prev-old", BackupDigest = first,
        });
        await daysAgo.GetRequiredService<IStatusLedger>().RecordAsync(Record("app", digests["app"], LedgerResult.Imported) with
        {
            ImportedDigest = digests["app"], BackupTarget = $"{_ns}/app:1.0.0-prev-new", BackupDigest = second,
        });
        var ledger = weeksAgo.GetRequiredService<IStatusLedger>();
        await ledger.RecordDeclaredAsync([Declared("declared"), Declared("app")], now);
        await ledger.RecordDeclaredAsync([Declared("lapsed")], now.AddDays(-35));
        await ledger.RecordDeclarationRunAsync(_target, now, problems: 0);

        var dryRun = await Prune("--json");

        Assert.Equal(0, dryRun.ExitCode);
        var expected = new Dictionary<string, string>
        {
            ["app:1.0.0"] = "kept", ["app:1.0.0-prev-new"] = "kept", ["app:1.0.0-prev-old"] = "would-delete", ["declared:1.0.0"] = "kept",
            ["foreign:1.0.0"] = "kept", ["lapsed:1.0.0"] = "would-delete", ["old:1.0.0"] = "would-delete", ["repushed:1.0.0"] = "kept",
            ["shared:1.0.0"] = "kept", ["young:1.0.0"] = "kept",
        };
        Assert.Equal(expected, Actions(dryRun.Output));
        Assert.NotNull(await client.TryResolveAsync(ImageReference.Parse($"{_target}/{_ns}/old:1.0.0")));
        Assert.Contains("would-delete", dryRun.Output, StringComparison.Ordinal);

        var applied = await Prune("--apply", "--json");

        Assert.Equal(0, applied.ExitCode);
        Assert.Equal(expected.ToDictionary(e => e.Key, e => e.Value == "would-delete" ? "deleted" : e.Value), Actions(applied.Output));
        foreach (var gone in new[] { "old:1.0.0", "lapsed:1.0.0", "app:1.0.0-prev-old" })
        {
            Assert.Null(await client.TryResolveAsync(ImageReference.Parse($"{_target}/{_ns}/{gone}")));
            Assert.Null(await ledger.GetAsync($"{_ns}/{gone}"));
        }
        foreach (var kept in new[] { "young:1.0.0", "declared:1.0.0", "foreign:1.0.0", "shared:1.0.0", "shared:stable", "app:1.0.0", "app:1.0.0-prev-new" })
        {
            Assert.NotNull(await client.TryResolveAsync(ImageReference.Parse($"{_target}/{_ns}/{kept}")));
        }
        Assert.NotEqual(digests["repushed"], (await client.TryResolveAsync(ImageReference.Parse($"{_target}/{_ns}/repushed:1.0.0")))?.Digest);
        using var json = JsonDocument.Parse(applied.Output);
        var reasons = json.RootElement.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("target").GetString()![(_ns.Length + 1)..], i => i.GetProperty("reason").GetString());
        Assert.Equal("not created by ImageWarmer", reasons["foreign:1.0.0"]);
        Assert.Equal("declared today", reasons["declared:1.0.0"]);
        Assert.Contains("someone else's tag", reasons["repushed:1.0.0"], StringComparison.Ordinal);
        Assert.Contains("still needed by tag stable", reasons["shared:1.0.0"], StringComparison.Ordinal);
        Assert.Contains("within the window", reasons["young:1.0.0"], StringComparison.Ordinal);
        Assert.Contains("backup of", reasons["app:1.0.0-prev-new"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prune_LedgerWithoutAFreshDeclarationRun_OneLineExit2_NothingDeleted()
    {
        using var weeksAgo = Ledger(DateTimeOffset.UtcNow.AddDays(-40));
        var client = weeksAgo.GetRequiredService<RegistryClient>();
        var digest = await TestImages.PushAsync(client, _target, $"{_ns}/old", "1.0.0");
        await Imported(weeksAgo, "old", digest);
        await weeksAgo.GetRequiredService<IStatusLedger>().RecordDeclarationRunAsync(_target, DateTimeOffset.UtcNow.AddDays(-40), problems: 0);

        var run = await Prune("--apply");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.StartsWith("prune deletes nothing: the last complete declaration run without problems", run.Error, StringComparison.Ordinal);
        Assert.Equal(digest, (await client.TryResolveAsync(ImageReference.Parse($"{_target}/{_ns}/old:1.0.0")))?.Digest);
    }

    public void Dispose() => _directory.Dispose();

    private ServiceProvider Ledger(DateTimeOffset at) => RegistryTestHost.Build(
        new Dictionary<string, string?> { ["ImageWarmer:Storage:ConnectionString"] = TestServices.StorageConnectionString, ["ImageWarmer:Storage:LedgerTable"] = _table },
        services => services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(at)));

    private Task Imported(ServiceProvider at, string name, string digest) =>
        at.GetRequiredService<IStatusLedger>().RecordAsync(Record(name, digest, LedgerResult.Imported) with { ImportedDigest = digest });

    private LedgerRecord Record(string name, string? digest, LedgerResult result) =>
        new($"{_ns}/{name}:1.0.0", $"docker.io/{_ns}/{name}:1.0.0", digest, digest, result, null, "test", "imagewarmer.yaml:1");

    private KeyValuePair<string, string> Declared(string name) => KeyValuePair.Create($"{_ns}/{name}:1.0.0", $"docker.io/{_ns}/{name}:1.0.0");

    private Task<CliRun> Prune(params string[] extra) => CliRun.InvokeAsync(
        ["prune", "--registry", _target, "--config", LocalSettings.Write(_directory, "unused-queue", _table), .. extra]);

    private Dictionary<string, string> Actions(string output)
    {
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("target").GetString()!.StartsWith(_ns + "/", StringComparison.Ordinal))
            .ToDictionary(i => i.GetProperty("target").GetString()![(_ns.Length + 1)..], i => i.GetProperty("action").GetString()!);
    }
}
