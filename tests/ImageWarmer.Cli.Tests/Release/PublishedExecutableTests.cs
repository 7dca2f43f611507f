using System.Diagnostics;
using System.Text.Json;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Tests.Release;

/// <summary>The Native AOT executable pipelines install (scripts/install.sh, built from source by scripts/publish.sh)
/// through every verb, against the local registries and Azurite: trimming and ahead-of-time compilation must not have
/// cut anything a verb uses (the ledger's Table client above all, which once crashed <c>prune</c>).</summary>
public sealed class PublishedExecutableTests(SourceInstallFixture install) : IClassFixture<SourceInstallFixture>, IDisposable
{
    private readonly string _ns = "x" + Guid.NewGuid().ToString("n")[..10];
    private readonly TemporaryDirectory _directory = new();
    private readonly ServiceProvider _services = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());

    [Fact]
    public async Task NativeExecutable_EveryVerb_WorksAsTheManagedOnesDo()
    {
        var client = _services.GetRequiredService<RegistryClient>();
        var app = await TestImages.PushAsync(client, "docker.io", $"{_ns}/app", "1.0.0");
        await TestImages.PushAsync(client, "docker.io", $"{_ns}/queued", "2.0.0");
        await TestImages.PushAsync(client, "docker.io", $"{_ns}/nightly", "3.0.0");
        var old = await TestImages.PushAsync(client, TestServices.TargetRegistry, $"{_ns}/old", "0.1.0");
        // A tag ImageWarmer imported 40 days ago that nothing declares any more: prune's to remove.
        using (var weeksAgo = Ledger(DateTimeOffset.UtcNow.AddDays(-40)))
        {
            await weeksAgo.GetRequiredService<IStatusLedger>().RecordAsync(new LedgerRecord(
                $"{_ns}/old:0.1.0", $"docker.io/{_ns}/old:0.1.0", old, old, LedgerResult.Imported, null, "test", "gone.yaml:1") { ImportedDigest = old });
        }
        var bundle = _directory.Write("bundle/imagewarmer.yaml", $"images:\n  - {_ns}/app:1.0.0\n");
        var bundleFolder = Path.GetDirectoryName(bundle)!;
        var later = Path.GetDirectoryName(_directory.Write("later/imagewarmer.yaml", $"images:\n  - {_ns}/nightly:3.0.0\n"))!;

        var scan = await RunAsync("scan", RepositoryPaths.Samples, "--json");
        var push = await RunAsync("snapshot", "push", bundleFolder, "--commit", "0123abc", "--json");
        var plan = await RunAsync("plan", "--manifests", "blob:", "--json");
        var warm = await RunAsync("warm", "--manifests", bundleFolder, "--json");
        var ensure = await RunAsync("ensure", "--manifests", bundleFolder);
        var locked = await RunAsync("lock", bundleFolder, "--json");
        var pin = await RunAsync("pin", bundleFolder, "--dry-run");
        var none = await RunAsync("status", $"{_ns}/queued:2.0.0", "--json");
        await RunAsync("request", $"{_ns}/queued:2.0.0");
        var nightly = await RunAsync("nightly", "--manifests", later);
        var worker = await RunAsync("worker", "--once");
        var status = await RunAsync("status", $"{_ns}/queued:2.0.0", "--json");
        var dryRun = await RunAsync("prune", "--json");
        var prune = await RunAsync("prune", "--apply", "--json");

        Assert.Equal(SampleExpectations.Images.Count, Json(scan).GetProperty("images").GetArrayLength());
        Assert.Equal(0, push.ExitCode);
        Assert.Equal(["missing"], Statuses(plan));
        Assert.Equal(0, warm.ExitCode);
        Assert.Equal(0, ensure.ExitCode);
        Assert.Contains(app, ensure.Output, StringComparison.Ordinal);
        Assert.Equal(0, locked.ExitCode);
        Assert.Contains(app, File.ReadAllText(Path.Combine(bundleFolder, "imagewarmer.lock.json")), StringComparison.Ordinal);
        Assert.Contains($"@{app}", pin.Output, StringComparison.Ordinal); // the diff pins app's digest
        Assert.Equal((2, "[]"), (none.ExitCode, none.Output.Trim())); // no row for it yet
        Assert.Equal(0, nightly.ExitCode);
        Assert.Contains(": warmed", worker.Output, StringComparison.Ordinal);
        Assert.Equal("imported", Json(status)[0].GetProperty("lastResult").GetString());
        Assert.Equal("would-delete", PruneAction(dryRun, $"{_ns}/old:0.1.0"));
        Assert.Equal("deleted", PruneAction(prune, $"{_ns}/old:0.1.0"));
        Assert.Equal("kept", PruneAction(prune, $"{_ns}/queued:2.0.0"));
        Assert.Null(await client.TryResolveAsync(ImageReference.Parse($"{TestServices.TargetRegistry}/{_ns}/old:0.1.0")));
        Assert.NotNull(await client.TryResolveAsync(ImageReference.Parse($"{TestServices.TargetRegistry}/{_ns}/nightly:3.0.0")));
    }

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }

    private Dictionary<string, string?> Settings => new()
    {
        ["ImageWarmer__Registry__Endpoints__0__Registry"] = "docker.io",
        ["ImageWarmer__Registry__Endpoints__0__Url"] = $"http://{TestServices.UpstreamRegistry}",
        ["ImageWarmer__Storage__ConnectionString"] = TestServices.StorageConnectionString,
        ["ImageWarmer__Storage__LedgerTable"] = "ledger" + _ns,
        ["ImageWarmer__Snapshot__Container"] = "manifests-" + _ns,
        ["ImageWarmer__Planning__TargetRegistry"] = TestServices.TargetRegistry,
        ["WarmQueueName"] = "native-" + _ns,
    };

    private ServiceProvider Ledger(DateTimeOffset at) => RegistryTestHost.Build(
        Settings.ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => s.Value),
        services => services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(at)));

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(install.Executable, arguments);
        foreach (var (name, value) in Settings)
        {
            start.Environment[name] = value;
        }
        var run = await ProcessRun.RunAsync(start);
        Assert.True(run.ExitCode is 0 or 2, $"imagewarmer {string.Join(' ', arguments)} exited {run.ExitCode}: {run.Error}");
        return (run.ExitCode, run.Output);
    }

    private static JsonElement Json((int ExitCode, string Output) run) => JsonDocument.Parse(run.Output).RootElement.Clone();

    private static List<string?> Statuses((int ExitCode, string Output) run) =>
        [.. Json(run).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString())];

    private static string? PruneAction((int ExitCode, string Output) run, string target) =>
        Json(run).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("target").GetString() == target).GetProperty("action").GetString();
}
