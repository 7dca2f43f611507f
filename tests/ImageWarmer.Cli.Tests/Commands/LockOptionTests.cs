using System.Text.Json;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Tests.Commands;

/// <summary>Every verb's answer to <c>--lock FILE</c>, none of which ignores it: <c>pin</c> writes the lock's digests and
/// asks no registry; <c>nightly</c> plans by them; <c>ensure</c> without <c>--locked</c>, <c>mirror</c> and <c>prune</c>
/// say in one line that the lock means nothing there (and which verbs take it), before any work.</summary>
public sealed class LockOptionTests : IDisposable
{
    private readonly string _id = Guid.NewGuid().ToString("n")[..10];
    private readonly TemporaryDirectory _directory = new();
    private readonly ServiceProvider _services = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());

    private string Ns => "l" + _id;

    [Theory]
    [InlineData("prune --lock x.json --registry a.azurecr.io",
        "imagewarmer: unknown option '--lock' for prune; scan, plan, warm, ensure, lock, pin, nightly take it (see imagewarmer prune --help)")]
    [InlineData("mirror --format daemon.json --lock x.json --registry a.azurecr.io",
        "imagewarmer: unknown option '--lock' for mirror; scan, plan, warm, ensure, lock, pin, nightly take it (see imagewarmer mirror --help)")]
    [InlineData("ensure nginx:1.27 --lock x.json --registry a.azurecr.io",
        "imagewarmer: --lock names the lock file --locked checks against: add --locked (see imagewarmer ensure --help)")]
    public async Task VerbALockMeansNothingTo_OneLineBeforeAnyWork_ExitOne(string arguments, string expected)
    {
        var run = await CliRun.InvokeAsync(arguments.Split(' '));

        Assert.Equal((1, expected, ""), (run.ExitCode, run.Error.Trim(), run.Output));
    }

    [Fact]
    public async Task Pin_WithALock_WritesTheLocksDigests_AsksNoRegistry_AnImageItLacksIsNotTouched()
    {
        await using var registry = HostileServer.Start(_ => HostileServer.Reply.NotFound());
        var digest = "sha256:" + new string('a', 64);
        var manifests = _directory.Write("m/Dockerfile", $"FROM {Ns}/base:1.0 AS build\nFROM {Ns}/unlocked:2.0\n");
        var lockPath = WriteLock("elsewhere/imagewarmer.lock.json", registry.Address, ($"{Ns}/base:1.0", digest));

        var run = await CliRun.InvokeAsync("pin", Path.GetDirectoryName(manifests)!, "--lock", lockPath, "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"FROM {Ns}/base:1.0@{digest} AS build\nFROM {Ns}/unlocked:2.0\n", File.ReadAllText(manifests));
        Assert.Empty(registry.Seen);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal((registry.Address, lockPath), (json.RootElement.GetProperty("registry").GetString(), json.RootElement.GetProperty("lock").GetString()));
        var skip = Assert.Single(json.RootElement.GetProperty("notTouched").EnumerateArray());
        Assert.Equal((2, $"{lockPath} has no entry for it: run 'imagewarmer lock' first"),
            (skip.GetProperty("line").GetInt32(), skip.GetProperty("reason").GetString()));
    }

    [Theory]
    [InlineData("conflict", "invalid lock file (line 2): a merge conflict marker")]
    [InlineData("other-registry", "pins other.azurecr.io, not the target registry a.azurecr.io: name the lock of a.azurecr.io (option: --lock FILE)")]
    [InlineData("absent", "does not exist")]
    public async Task Pin_ALockItCannotUse_OneLineExitOne_NothingWritten(string kind, string expected)
    {
        var manifests = _directory.Write("m/Dockerfile", $"FROM {Ns}/base:1.0\n");
        var lockPath = kind switch
        {
            "conflict" => _directory.Write("bad.lock.json", "{\n<<<<<<< HEAD\n"),
            "other-registry" => WriteLock("other.lock.json", "other.azurecr.io", ($"{Ns}/base:1.0", "sha256:" + new string('b', 64))),
            _ => Path.Combine(_directory.Path, "absent.lock.json"),
        };

        var run = await CliRun.InvokeAsync("pin", Path.GetDirectoryName(manifests)!, "--lock", lockPath, "--registry", "a.azurecr.io");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal($"FROM {Ns}/base:1.0\n", File.ReadAllText(manifests));
    }

    [Fact]
    public async Task Nightly_WithALock_PlansTheLockedDigest_NotTheTagsNewOne()
    {
        var client = _services.GetRequiredService<RegistryClient>();
        var locked = await TestImages.PushAsync(client, "docker.io", $"{Ns}/app", "1.0.0");
        var moved = await TestImages.PushAsync(client, "docker.io", $"{Ns}/app", "1.0.0"); // the tag moved on upstream
        var manifests = Path.GetDirectoryName(_directory.Write("m/imagewarmer.yaml", $"images:\n  - {Ns}/app:1.0.0\n"))!;
        var lockPath = WriteLock("elsewhere/imagewarmer.lock.json", TestServices.TargetRegistry, ($"{Ns}/app:1.0.0", locked));
        var config = LocalSettings.Write(_directory, "requests-" + _id, "ledger" + _id);

        var byTag = await CliRun.InvokeAsync("nightly", "--manifests", manifests, "--config", config, "--json");
        var byLock = await CliRun.InvokeAsync("nightly", "--manifests", manifests, "--lock", lockPath, "--config", config, "--json");

        Assert.Equal((0, 0), (byTag.ExitCode, byLock.ExitCode));
        Assert.Equal(moved, SourceDigest(byTag.Output));
        Assert.Equal(locked, SourceDigest(byLock.Output));
    }

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }

    private static string? SourceDigest(string nightlyJson)
    {
        using var json = JsonDocument.Parse(nightlyJson);
        return Assert.Single(json.RootElement.GetProperty("report").GetProperty("items").EnumerateArray()).GetProperty("sourceDigest").GetString();
    }

    // A lock as `imagewarmer lock` writes it: keyed by the fully qualified source, for registry `host`.
    private string WriteLock(string relativePath, string host, params (string Source, string Digest)[] images) =>
        _directory.Write(relativePath, new LockFile(host, images.ToDictionary(
            i => ImageReference.Parse(i.Source).FullyQualified,
            i => new LockedImage(i.Source.Split(':')[0], i.Digest))).ToBytes());
}
