using System.Text.Json;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Tests.Contracts;

/// <summary>What <c>scan</c>, <c>plan</c>, <c>warm</c> and <c>ensure</c> really print with <c>--json</c>, validated against
/// <c>docs/contracts/</c>, with images in every status the local registries can produce.</summary>
public sealed class CliJsonContractTests : IDisposable
{
    // Nothing listens on port 1: a source registry there makes a failed item, at once with no retries.
    private const string DownRegistry = "127.0.0.1:1";

    private readonly string _namespace = "j" + Guid.NewGuid().ToString("n")[..10];
    private readonly TemporaryDirectory _directory = new();
    private readonly ServiceProvider _services = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());

    [Fact]
    public async Task Scan_Samples_PrintsTheScanContract()
    {
        var run = await CliRun.InvokeAsync("scan", RepositoryPaths.Samples, "--json");

        Assert.Equal(0, run.ExitCode);
        ContractSchemas.AssertValid("scan", run.Output);
        using var json = JsonDocument.Parse(run.Output);
        Assert.NotEmpty(json.RootElement.GetProperty("images").EnumerateArray());
        Assert.NotEmpty(json.RootElement.GetProperty("skipped").EnumerateArray());
    }

    [Fact]
    public async Task Scan_ManifestsWithProblems_PrintsTheScanContract()
    {
        _directory.Write("manifests/Dockerfile", "FROM $UNSET_BASE\n");
        _directory.Write("manifests/imagewarmer.yaml", "images: [unclosed\n");
        _directory.Write("manifests/porter.yaml", [0xff, 0xfe, 0x00, 0x01]);
        _directory.Write("manifests/big/Dockerfile", new string('#', 1024 * 1024 + 1)); // over MaxFileBytes: a whole-file problem

        var run = await CliRun.InvokeAsync("scan", "--manifests", Path.Combine(_directory.Path, "manifests"), "--json");

        Assert.Equal(2, run.ExitCode);
        ContractSchemas.AssertValid("scan", run.Output);
        using var json = JsonDocument.Parse(run.Output);
        var lines = json.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("line").ValueKind).ToList();
        Assert.Contains(JsonValueKind.Number, lines);
        Assert.Contains(JsonValueKind.Null, lines);
    }

    [Theory]
    [InlineData("plan", "drifted,failed,missing,present,source-missing")]
    [InlineData("warm", "drifted,failed,imported,present,source-missing")]
    public async Task PlanAndWarm_EveryStatus_PrintTheirContract(string verb, string statuses)
    {
        await SeedAsync();

        var run = await RunAsync(verb);

        Assert.Equal(2, run.ExitCode);
        ContractSchemas.AssertValid(verb, run.Output);
        Assert.Equal(statuses.Split(','), Statuses(run.Output));
        // The drifted item carries where it is declared and the pin that makes the manifests say what the target holds.
        using var json = JsonDocument.Parse(run.Output);
        var drifted = json.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("status").GetString() == "drifted");
        Assert.Equal($"docker.io/{_namespace}/floating:latest@{drifted.GetProperty("targetDigest").GetString()}", drifted.GetProperty("pin").GetString());
        Assert.Equal("imagewarmer.yaml:4", string.Join(",", drifted.GetProperty("origins").EnumerateArray()
            .Select(o => $"{o.GetProperty("path").GetString()}:{o.GetProperty("line").GetInt32()}")));
        Assert.All(json.RootElement.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("status").GetString() != "drifted"),
            i => Assert.False(i.TryGetProperty("pin", out _) || i.TryGetProperty("origins", out _)));
        Assert.Equal(0, json.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("status").GetString() == "present")
            .GetProperty("referrers").GetInt32());
    }

    [Fact]
    public async Task PinAndPrune_PrintTheirContracts()
    {
        await SeedAsync();
        _directory.Write("pins/Dockerfile", $"FROM {_namespace}/present:1.0.0\nFROM {_namespace}/floating:latest\nFROM {_namespace}/missing:1.0.0\n");
        var settings = LocalSettings.Write(_directory, "unused", "contract" + Guid.NewGuid().ToString("n")[..12]);

        var pin = await CliRun.InvokeAsync("pin", Path.Combine(_directory.Path, "pins"), "--registry", TestServices.TargetRegistry, "--dry-run", "--json");
        var prune = await CliRun.InvokeAsync("prune", "--registry", TestServices.TargetRegistry, "--config", settings, "--json");

        Assert.Equal((2, 0), (pin.ExitCode, prune.ExitCode));
        ContractSchemas.AssertValid("pin", pin.Output);
        ContractSchemas.AssertValid("prune", prune.Output);
        using var json = JsonDocument.Parse(pin.Output);
        Assert.Equal(2, json.RootElement.GetProperty("files")[0].GetProperty("pins").GetInt32());
        Assert.Single(json.RootElement.GetProperty("notTouched").EnumerateArray());
    }

    [Fact]
    public async Task EnsureAndLock_EveryStatus_PrintTheirContracts()
    {
        await SeedAsync();
        var client = _services.GetRequiredService<RegistryClient>();
        await TestImages.PushAsync(client, TestServices.TargetRegistry, $"{_namespace}/held", "1.0.0"); // in the target; its source is down
        _directory.Write("gate/imagewarmer.yaml",
            $"images:\n  - {_namespace}/present:1.0.0\n  - {_namespace}/missing:1.0.0\n  - {_namespace}/floating:latest\n  - {DownRegistry}/{_namespace}/held:1.0.0\n");
        _directory.Write("locked/imagewarmer.yaml", $"images:\n  - {_namespace}/present:1.0.0\n");

        var gate = await RunAsync("ensure", "gate");
        var locked = await RunAsync("lock", "locked");
        _directory.Write("locked/imagewarmer.yaml", $"images:\n  - {_namespace}/present:1.0.0\n  - {_namespace}/missing:1.0.0\n");
        var gateLocked = await RunAsync("ensure", "locked", "--locked");

        Assert.Equal((2, 0, 2), (gate.ExitCode, locked.ExitCode, gateLocked.ExitCode));
        ContractSchemas.AssertValid("ensure", gate.Output);
        ContractSchemas.AssertValid("ensure", gateLocked.Output);
        ContractSchemas.AssertValid("lock", await File.ReadAllTextAsync(Path.Combine(_directory.Path, "locked", "imagewarmer.lock.json")));
        Assert.Equal(["differs", "missing", "present", "unverified"], Statuses(gate.Output));
        Assert.Equal(["missing", "present"], Statuses(gateLocked.Output));
        ContractSchemas.AssertValid("lock-output", locked.Output);
        ContractSchemas.AssertValid("lock-output", (await RunAsync("lock", "locked")).Output); // refused: the registry lacks one
    }

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }

    /// <summary>Upstream and target so that a plan finds one image in each status.</summary>
    private async Task SeedAsync()
    {
        var client = _services.GetRequiredService<RegistryClient>();
        await TestImages.PushAsync(client, "docker.io", $"{_namespace}/present", "1.0.0");
        await TestImages.CopyAsync(client, "docker.io", $"{_namespace}/present", "1.0.0", TestServices.TargetRegistry, $"{_namespace}/present");
        await TestImages.PushAsync(client, "docker.io", $"{_namespace}/missing", "1.0.0");
        await TestImages.PushAsync(client, "docker.io", $"{_namespace}/floating", "latest");
        await TestImages.CopyAsync(client, "docker.io", $"{_namespace}/floating", "latest", TestServices.TargetRegistry, $"{_namespace}/floating");
        await TestImages.PushAsync(client, "docker.io", $"{_namespace}/floating", "latest"); // moved upstream: drifted
        _directory.Write("manifests/imagewarmer.yaml", $"""
            images:
              - {_namespace}/present:1.0.0
              - {_namespace}/missing:1.0.0
              - {_namespace}/floating:latest
              - {_namespace}/ghost:1.0.0
              - {DownRegistry}/{_namespace}/down:1.0.0
            """);
        _directory.Write("settings.json", """{"ImageWarmer":{"Registry":{"MaxRetryAttempts":0}}}""");
    }

    /// <summary>Runs <paramref name="verb"/> over the manifests in <paramref name="folder"/> against the local registries,
    /// with the down registry an allowed source and no retries.</summary>
    private Task<CliRun> RunAsync(string verb, string folder = "manifests", params string[] extra)
    {
        var manifests = Path.Combine(_directory.Path, folder);
        string[] where = verb == "lock" ? [manifests] : ["--manifests", manifests, "--source-registry", "docker.io", "--source-registry", DownRegistry];
        return CliRun.InvokeAsync(
            [verb, .. where, "--registry", TestServices.TargetRegistry, "--endpoint", $"docker.io=http://{TestServices.UpstreamRegistry}",
             "--config", Path.Combine(_directory.Path, "settings.json"), "--json", .. extra]);
    }

    private static List<string> Statuses(string output)
    {
        using var json = JsonDocument.Parse(output);
        return [.. json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()!).Order(StringComparer.Ordinal)];
    }
}
