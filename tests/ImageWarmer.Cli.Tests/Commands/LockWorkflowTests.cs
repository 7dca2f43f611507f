using System.Text.Json;
using ImageWarmer.Cli.Tests.Contracts;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Tests.Commands;

/// <summary>
/// Lock files as a repository keeps them, against the two local registries and Azurite: one lock at the repository
/// root serving every bundle, a list of bundles gated in one run, a broken lock said to be broken (not missing), and a
/// contributor's version bump from the tag ACR lacks to a passing gate, with the requests a worker drains.
/// </summary>
public sealed class LockWorkflowTests : IDisposable
{
    private readonly string _ns = "l" + Guid.NewGuid().ToString("n")[..10];
    private readonly TemporaryDirectory _directory = new();
    private readonly TemporaryDirectory _repository = new();
    private readonly ServiceProvider _services = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());
    private readonly string _config;

    public LockWorkflowTests()
    {
        _config = LocalSettings.Write(_directory, "lock-" + _ns, "ledger" + _ns);
        Directory.CreateDirectory(Path.Combine(_repository.Path, ".git"));
    }

    private string RootLock => Path.Combine(_repository.Path, "imagewarmer.lock.json");

    [Fact]
    public async Task RepositoryLock_TwoBundlesLockedAtOnce_EachBundleGatedByIt_NoUpstreamRequest()
    {
        await PushAndCopyAsync("nexus", "3.77.2");
        await PushAndCopyAsync("gitea", "1.22.0");
        var nexus = Bundle("shared_services/nexus", $"{_ns}/nexus:3.77.2");
        var gitea = Bundle("workspace_services/gitea", $"{_ns}/gitea:1.22.0");

        var locked = await Cli("lock", "--manifests", nexus, "--manifests", gitea, "--lock", RootLock);
        var before = UpstreamRequests();
        var gate = await Cli("ensure", "--manifests", nexus, "--locked");
        var both = await Cli("ensure", "--manifests", nexus, "--manifests", gitea, "--locked");
        var named = await Cli("ensure", $"{_ns}/gitea:1.22.0", "--locked", "--lock", RootLock);

        Assert.Equal((0, 0, 0, 0), (locked.ExitCode, gate.ExitCode, both.ExitCode, named.ExitCode));
        Assert.Contains("locked 2 images at the digests", locked.Output, StringComparison.Ordinal);
        Assert.Contains($"{_ns}/nexus:3.77.2 is in {TestServices.TargetRegistry} as {_ns}/nexus:3.77.2", gate.Output, StringComparison.Ordinal);
        Assert.Contains("verified against the lock", gate.Output, StringComparison.Ordinal);
        Assert.Contains("1 image: 1 present", gate.Output, StringComparison.Ordinal);
        Assert.Contains("2 images: 2 present", both.Output, StringComparison.Ordinal);
        Assert.Equal(before, UpstreamRequests());
        Assert.False(File.Exists(Path.Combine(nexus, "imagewarmer.lock.json")));
    }

    [Fact]
    public async Task Lock_OneBundle_UpdatesTheRepositoryLock_KeepsTheOtherBundles()
    {
        await PushAndCopyAsync("nexus", "3.77.2");
        await PushAndCopyAsync("nexus", "3.94.0");
        await PushAndCopyAsync("gitea", "1.22.0");
        var nexus = Bundle("shared_services/nexus", $"{_ns}/nexus:3.77.2");
        var gitea = Bundle("workspace_services/gitea", $"{_ns}/gitea:1.22.0");
        Assert.Equal(0, (await Cli("lock", nexus, gitea, "--lock", RootLock)).ExitCode);
        Bundle("shared_services/nexus", $"{_ns}/nexus:3.94.0");

        var run = await Cli("lock", nexus, "--json");

        Assert.Equal(0, run.ExitCode);
        ContractSchemas.AssertValid("lock-output", run.Output);
        using var output = JsonDocument.Parse(run.Output);
        Assert.Equal(RootLock, Path.GetFullPath(output.RootElement.GetProperty("path").GetString()!));
        using var lockJson = JsonDocument.Parse(await File.ReadAllTextAsync(RootLock));
        Assert.Equal([$"docker.io/{_ns}/gitea:1.22.0", $"docker.io/{_ns}/nexus:3.77.2", $"docker.io/{_ns}/nexus:3.94.0"],
            lockJson.RootElement.GetProperty("images").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, (await Cli("ensure", "--manifests", gitea, "--locked")).ExitCode);
    }

    [Fact]
    public async Task EnsureLocked_LockWithAMergeConflict_InvalidAtItsLine_ThenLockRepairsIt()
    {
        await PushAndCopyAsync("app", "1.0.0");
        var bundle = Bundle("app", $"{_ns}/app:1.0.0");
        Assert.Equal(0, (await Cli("lock", bundle)).ExitCode);
        var own = Path.Combine(bundle, "imagewarmer.lock.json");
        var lines = (await File.ReadAllLinesAsync(own)).ToList();
        lines.InsertRange(2, ["<<<<<<< HEAD", "=======", ">>>>>>> bump"]);
        await File.WriteAllLinesAsync(own, lines);

        var gate = await Cli("ensure", "--manifests", bundle, "--locked");
        var plan = await Cli("plan", "--manifests", bundle);
        var repaired = await Cli("lock", bundle);

        Assert.Equal((1, 2, 0), (gate.ExitCode, plan.ExitCode, repaired.ExitCode));
        Assert.Equal($"imagewarmer: {bundle}/imagewarmer.lock.json: invalid lock file (line 3): a merge conflict marker; resolve the conflict, "
            + "or write the lock again with 'imagewarmer lock'", gate.Error.TrimEnd());
        Assert.Contains("invalid lock file (line 3)", plan.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await Cli("ensure", "--manifests", bundle, "--locked")).ExitCode);
    }

    [Fact]
    public async Task EnsureLocked_NoLockAnywhere_SaysWhereItLookedAndWhatToRun()
    {
        await PushAndCopyAsync("app", "1.0.0");
        var bundle = Bundle("app", $"{_ns}/app:1.0.0");

        var run = await Cli("ensure", "--manifests", bundle, "--locked");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"imagewarmer: no imagewarmer.lock.json in {bundle} or above it up to the repository root: write one with 'imagewarmer lock {bundle}', "
            + "or name one (option: --lock FILE)", run.Error.TrimEnd());
    }

    [Fact]
    public async Task VersionBump_MissingAndUnlocked_RequestedAndWaitedFor_ThenLocked_GatePasses()
    {
        await PushAndCopyAsync("nexus", "3.77.2");
        var bundle = Bundle("nexus", $"{_ns}/nexus:3.77.2");
        Assert.Equal(0, (await Cli("lock", bundle)).ExitCode);
        var bumped = await TestImages.PushAsync(Client, "docker.io", $"{_ns}/nexus", "3.94.0"); // upstream only
        Bundle("nexus", $"{_ns}/nexus:3.94.0");

        var found = await Cli("ensure", "--manifests", bundle, "--locked", "--json");
        var ensuring = Cli("ensure", "--manifests", bundle, "--locked", "--request", "--wait", "90s");
        var drained = 0;
        while (!ensuring.IsCompleted && drained++ < 500)
        {
            await Cli("worker", "--once");
        }
        var requested = await ensuring;
        var locked = await Cli("lock", bundle);
        var gate = await Cli("ensure", "--manifests", bundle, "--locked");

        Assert.Equal(2, found.ExitCode);
        ContractSchemas.AssertValid("ensure", found.Output);
        using (var json = JsonDocument.Parse(found.Output))
        {
            var item = Assert.Single(json.RootElement.GetProperty("items").EnumerateArray());
            Assert.Equal("missing", item.GetProperty("status").GetString());
            Assert.StartsWith("and unlocked: ", item.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(2, requested.ExitCode);
        Assert.Contains($"{_ns}/nexus:3.94.0 is missing: requested (message", requested.Error, StringComparison.Ordinal);
        Assert.Contains($"arrived: {_ns}/nexus:3.94.0 is unlocked: imagewarmer.lock.json has no entry for it: run 'imagewarmer lock'", requested.Output,
            StringComparison.Ordinal);
        Assert.Equal((0, 0), (locked.ExitCode, gate.ExitCode));
        Assert.Contains($"({bumped}, verified against the lock)", gate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureRequest_WaitRunsOut_Announced_AndTheImageSaysSo()
    {
        await TestImages.PushAsync(Client, "docker.io", $"{_ns}/late", "1.0.0");
        var bundle = Bundle("late", $"{_ns}/late:1.0.0");

        var run = await Cli("ensure", "--manifests", bundle, "--request", "--wait", "0s");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("gave up waiting after 0s: 1 requested image not in the registry yet", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{_ns}/late:1.0.0 is missing from {TestServices.TargetRegistry} (as {_ns}/late:1.0.0): requested, but not in "
            + $"{TestServices.TargetRegistry} after 0s", run.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
        _repository.Dispose();
    }

    private RegistryClient Client => _services.GetRequiredService<RegistryClient>();

    private async Task PushAndCopyAsync(string name, string tag)
    {
        await TestImages.PushAsync(Client, "docker.io", $"{_ns}/{name}", tag);
        await TestImages.CopyAsync(Client, "docker.io", $"{_ns}/{name}", tag, TestServices.TargetRegistry, $"{_ns}/{name}");
    }

    /// <summary>A bundle folder of the repository whose catalog declares <paramref name="images"/>; returns its full path.</summary>
    private string Bundle(string folder, params string[] images)
    {
        var path = Path.Combine("templates", folder);
        _repository.Write(Path.Combine(path, "imagewarmer.yaml"), "images:\n" + string.Concat(images.Select(i => $"  - {i}\n")));
        return Path.Combine(_repository.Path, path);
    }

    private int UpstreamRequests() => RegistryAccessLog.Requests(TestServices.UpstreamAccessLog, _ns + "/").Count;

    private Task<CliRun> Cli(params string[] args) => CliRun.InvokeAsync([.. args, "--config", _config]);
}
