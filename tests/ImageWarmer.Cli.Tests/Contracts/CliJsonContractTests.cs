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
    }

    [Fact]
    public async Task Ensure_PresentAndMissing_PrintTheEnsureContract()
    {
        await SeedAsync();

        var present = await EnsureAsync($"{_namespace}/present:1.0.0");
        var missing = await EnsureAsync($"{_namespace}/missing:1.0.0");

        Assert.Equal((0, 2), (present.ExitCode, missing.ExitCode));
        ContractSchemas.AssertValid("ensure", present.Output);
        ContractSchemas.AssertValid("ensure", missing.Output);
        Assert.Equal(["present"], Statuses(present.Output));
        Assert.Equal(["missing"], Statuses(missing.Output));
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

    private Task<CliRun> RunAsync(string verb) => CliRun.InvokeAsync(
        verb, "--manifests", Path.Combine(_directory.Path, "manifests"), "--registry", TestServices.TargetRegistry,
        "--endpoint", $"docker.io=http://{TestServices.UpstreamRegistry}", "--source-registry", "docker.io", "--source-registry", DownRegistry,
        "--config", Path.Combine(_directory.Path, "settings.json"), "--json");

    private static Task<CliRun> EnsureAsync(string image) => CliRun.InvokeAsync(
        "ensure", image, "--registry", TestServices.TargetRegistry, "--endpoint", $"docker.io=http://{TestServices.UpstreamRegistry}", "--json");

    private static List<string> Statuses(string output)
    {
        using var json = JsonDocument.Parse(output);
        return [.. json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()!).Order(StringComparer.Ordinal)];
    }
}
