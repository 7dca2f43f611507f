using System.Net;
using System.Text.Json;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Tests.Commands;

/// <summary>ensure as the pipeline gate and lock, against the two local registries (and Azurite for --request):
/// every outcome, digests proved from pins, the lock file or upstream, and nothing sent upstream under --locked.</summary>
public sealed class EnsureGateTests : IDisposable
{
    private readonly string _ns = "g" + Guid.NewGuid().ToString("n")[..10];
    private readonly TemporaryDirectory _directory = new();
    private readonly TemporaryDirectory _manifests = new();
    private readonly ServiceProvider _services = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());
    private readonly string _config;

    public EnsureGateTests() => _config = LocalSettings.Write(_directory, "gate-" + _ns, "ledger" + _ns);

    private RegistryClient Client => _services.GetRequiredService<RegistryClient>();

    [Fact]
    public async Task Ensure_Bundle_EachOutcomeOnOneLine_ExitTwo()
    {
        var stable = await PushAndCopyAsync("stable", "1.0.0");
        await TestImages.PushAsync(Client, "docker.io", $"{_ns}/gone", "1.0.0");
        var floatingInAcr = await PushAndCopyAsync("floating", "latest");
        var floatingUpstream = await TestImages.PushAsync(Client, "docker.io", $"{_ns}/floating", "latest"); // the tag moved upstream
        var pin = await TestImages.PushAsync(Client, "docker.io", $"{_ns}/pinned", "2.0.0");
        var impostor = await TestImages.PushAsync(Client, TestServices.TargetRegistry, $"{_ns}/pinned", "2.0.0");
        Catalog($"{_ns}/stable:1.0.0", $"{_ns}/gone:1.0.0", $"{_ns}/floating:latest", $"{_ns}/pinned:2.0.0@{pin}");

        var run = await Cli("ensure", "--manifests", _manifests.Path);

        Assert.Equal(2, run.ExitCode);
        var acr = TestServices.TargetRegistry;
        Assert.Contains($"{_ns}/stable:1.0.0 is in {acr} as {_ns}/stable:1.0.0 ({stable}, verified against the source)", run.Output, StringComparison.Ordinal);
        Assert.Contains($"{_ns}/gone:1.0.0 is missing from {acr} (as {_ns}/gone:1.0.0)", run.Output, StringComparison.Ordinal);
        Assert.Contains($"{_ns}/floating:latest differs: {acr} has {floatingInAcr} but the source says {floatingUpstream}", run.Output, StringComparison.Ordinal);
        Assert.Contains($"{_ns}/pinned:2.0.0@{pin} differs: {acr} has {impostor} but the pin says {pin}", run.Output, StringComparison.Ordinal);
        Assert.Contains("4 images: 1 present, 1 missing, 2 differ, 0 unlocked, 0 unverified", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ensure_PinnedPresent_NoUpstreamRequest()
    {
        var digest = await PushAndCopyAsync("pinned-ok", "3.1.0");
        var before = UpstreamRequests();

        var run = await Cli("ensure", $"{_ns}/pinned-ok:3.1.0@{digest}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("verified against the pin", run.Output, StringComparison.Ordinal);
        Assert.Equal(before, UpstreamRequests());
    }

    [Fact]
    public async Task LockThenEnsureLocked_ZeroUpstreamRequests_DiffersFromLockAndUnlockedReported()
    {
        await PushAndCopyAsync("app", "1.0.0");
        await PushAndCopyAsync("db", "2.0.0");
        Catalog($"{_ns}/app:1.0.0", $"{_ns}/db:2.0.0");

        var locked = await Cli("lock", _manifests.Path);
        Assert.Equal(0, locked.ExitCode);
        var lockText = await File.ReadAllTextAsync(Path.Combine(_manifests.Path, "imagewarmer.lock.json"));
        Assert.EndsWith("}\n", lockText, StringComparison.Ordinal);
        using (var lockJson = JsonDocument.Parse(lockText))
        {
            Assert.Equal([$"docker.io/{_ns}/app:1.0.0", $"docker.io/{_ns}/db:2.0.0"],
                lockJson.RootElement.GetProperty("images").EnumerateObject().Select(p => p.Name));
        }
        var clean = await Cli("ensure", "--manifests", _manifests.Path, "--locked");
        Assert.Equal(0, clean.ExitCode);

        // ACR's tag is replaced behind the lock's back, and a new image is declared without locking it.
        var replaced = await TestImages.PushAsync(Client, TestServices.TargetRegistry, $"{_ns}/db", "2.0.0");
        await PushAndCopyAsync("cache", "7.0.0");
        Catalog($"{_ns}/app:1.0.0", $"{_ns}/db:2.0.0", $"{_ns}/cache:7.0.0");
        var before = UpstreamRequests();

        var run = await Cli("ensure", "--manifests", _manifests.Path, "--locked", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(before, UpstreamRequests());
        using var json = JsonDocument.Parse(run.Output);
        var items = json.RootElement.GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("target").GetString()!, i => (i.GetProperty("status").GetString(), i.GetProperty("expectedFrom").GetString()));
        Assert.Equal(("present", "lock"), items[$"{_ns}/app:1.0.0"]);
        Assert.Equal(("differs", "lock"), items[$"{_ns}/db:2.0.0"]);
        Assert.Equal(("unlocked", null), items[$"{_ns}/cache:7.0.0"]);
        Assert.Contains(json.RootElement.GetProperty("items").EnumerateArray(), i => i.GetProperty("targetDigest").GetString() == replaced);
    }

    [Fact]
    public async Task Lock_RegistryLacksAnImage_RefusesAndWritesNothing()
    {
        await PushAndCopyAsync("here", "1.0.0");
        await TestImages.PushAsync(Client, "docker.io", $"{_ns}/not-yet", "1.0.0");
        Catalog($"{_ns}/here:1.0.0", $"{_ns}/not-yet:1.0.0");

        var run = await Cli("lock", _manifests.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{_ns}/not-yet:1.0.0 is missing from {TestServices.TargetRegistry}", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_manifests.Path, "imagewarmer.lock.json")));
    }

    [Fact]
    public async Task Ensure_UpstreamUnreachable_UnverifiedWarningExitZero_StrictExitTwo()
    {
        await PushAndCopyAsync("offline", "latest");
        string[] unreachable = ["--endpoint", $"docker.io=http://127.0.0.1:{LoopbackPorts.Free()}"];
        var config = _directory.Write("no-retries.json", """{"ImageWarmer":{"Registry":{"MaxRetryAttempts":0}}}""");

        var lenient = await CliRun.InvokeAsync(["ensure", $"{_ns}/offline:latest", "--registry", TestServices.TargetRegistry, .. unreachable, "--config", config]);
        var strict = await CliRun.InvokeAsync(["ensure", $"{_ns}/offline:latest", "--registry", TestServices.TargetRegistry, .. unreachable, "--config", config, "--strict"]);

        Assert.Equal(0, lenient.ExitCode);
        Assert.Contains($"{_ns}/offline:latest is unverified: upstream unreachable", lenient.Output, StringComparison.Ordinal);
        Assert.Contains("warning: some images could not be verified", lenient.Error, StringComparison.Ordinal);
        Assert.Equal(2, strict.ExitCode);
    }

    [Fact]
    public async Task Ensure_BundleWithTwoMissing_RequestedAtOnceAndWaitedForWhileAWorkerDrains()
    {
        var present = await PushAndCopyAsync("web", "1.0.0");
        var first = await TestImages.PushAsync(Client, "docker.io", $"{_ns}/queue", "3.0.0");
        var second = await TestImages.PushAsync(Client, "docker.io", $"{_ns}/search", "8.0.0");
        Catalog($"{_ns}/web:1.0.0", $"{_ns}/queue:3.0.0", $"{_ns}/search:8.0.0");

        var ensuring = Cli("ensure", "--manifests", _manifests.Path, "--request", "--wait", "90s");
        var drained = new List<CliRun>();
        while (!ensuring.IsCompleted && drained.Count < 500)
        {
            drained.Add(await Cli("worker", "--once"));
        }
        var run = await ensuring;

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, run.Error.Split('\n').Count(l => l.Contains("is missing: requested (message", StringComparison.Ordinal)));
        Assert.Contains($"arrived: {_ns}/queue:3.0.0 is in {TestServices.TargetRegistry} as {_ns}/queue:3.0.0 ({first}", run.Output, StringComparison.Ordinal);
        Assert.Contains($"arrived: {_ns}/search:8.0.0 is in {TestServices.TargetRegistry} as {_ns}/search:8.0.0 ({second}", run.Output, StringComparison.Ordinal);
        Assert.Contains("3 images: 3 present", run.Output, StringComparison.Ordinal);
        Assert.Contains(present, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ensure_Request_ARepositoryTheManifestsNamed_NotRequestedAndSaysWhy()
    {
        await TestImages.PushAsync(Client, "docker.io", $"{_ns}/tool", "1.0.0");
        _manifests.Write("imagewarmer.yaml", $"images:\n  - source: {_ns}/tool:1.0.0\n    target: {_ns}/mirror/tool\n");

        var run = await Cli("ensure", "--manifests", _manifests.Path, "--request", "--wait", "60s");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{_ns}/tool:1.0.0 is missing from {TestServices.TargetRegistry} (as {_ns}/mirror/tool:1.0.0): not requested: "
            + $"target '{_ns}/mirror/tool:1.0.0' is not in {_ns}/tool, the repository derived from {_ns}/tool:1.0.0", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("requested (message", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warm_LockedImage_ImportsTheLockedDigestNotWhereTheTagMovedSince()
    {
        var lockedDigest = await PushAndCopyAsync("base", "latest");
        Catalog($"{_ns}/base:latest");
        Assert.Equal(0, (await Cli("lock", _manifests.Path)).ExitCode);
        var moved = await TestImages.PushAsync(Client, "docker.io", $"{_ns}/base", "latest");
        using (var http = new HttpClient())
        {
            // The target loses the image (deleted by digest), so the next warm has to import it again.
            using var deleted = await http.DeleteAsync($"http://{TestServices.TargetRegistry}/v2/{_ns}/base/manifests/{lockedDigest}");
            Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        }

        var warm = await Cli("warm", "--manifests", _manifests.Path, "--json");

        Assert.Equal(0, warm.ExitCode);
        Assert.NotEqual(lockedDigest, moved);
        Assert.Equal(lockedDigest, await Skopeo.DigestAsync($"{TestServices.TargetRegistry}/{_ns}/base:latest"));
    }

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
        _manifests.Dispose();
    }

    private async Task<string> PushAndCopyAsync(string name, string tag)
    {
        await TestImages.PushAsync(Client, "docker.io", $"{_ns}/{name}", tag);
        return await TestImages.CopyAsync(Client, "docker.io", $"{_ns}/{name}", tag, TestServices.TargetRegistry, $"{_ns}/{name}");
    }

    private void Catalog(params string[] images) =>
        _manifests.Write("imagewarmer.yaml", "images:\n" + string.Concat(images.Select(i => $"  - {i}\n")));

    private int UpstreamRequests() => RegistryAccessLog.Requests(TestServices.UpstreamAccessLog, _ns + "/").Count;

    private Task<CliRun> Cli(params string[] args) => CliRun.InvokeAsync([.. args, "--config", _config]);

}
