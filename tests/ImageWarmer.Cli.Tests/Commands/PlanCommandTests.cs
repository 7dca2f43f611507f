using System.Text.Json;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Tests.Commands;

/// <summary>plan against the two local registries scripts/test.sh starts (upstream plays Docker Hub via --endpoint).</summary>
public sealed class PlanCommandTests : IDisposable
{
    private readonly string _namespace = "c" + Guid.NewGuid().ToString("n")[..10];
    private readonly TemporaryDirectory _manifests = new();
    private readonly ServiceProvider _services = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());

    [Fact]
    public async Task Plan_OnePresentOneMissing_JsonContractAndExitTwo()
    {
        var client = _services.GetRequiredService<RegistryClient>();
        var present = await TestImages.PushAsync(client, "docker.io", $"{_namespace}/present", "1.0.0");
        await TestImages.CopyAsync(client, "docker.io", $"{_namespace}/present", "1.0.0", TestServices.TargetRegistry, $"{_namespace}/present");
        var missing = await TestImages.PushAsync(client, "docker.io", $"{_namespace}/missing", "1.0.0");
        _manifests.Write("imagewarmer.yaml", $"images:\n  - {_namespace}/present:1.0.0\n  - {_namespace}/missing:1.0.0\n");

        var run = await Plan("--json");

        Assert.Equal(2, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var items = json.RootElement.GetProperty("items").EnumerateArray().Select(i => (
            i.GetProperty("target").GetString(), i.GetProperty("status").GetString(),
            i.GetProperty("sourceDigest").GetString(), i.GetProperty("targetDigest").GetString())).ToList();
        Assert.Equal(
        [
            ($"{_namespace}/missing:1.0.0", "missing", missing, null),
            ($"{_namespace}/present:1.0.0", "present", null, present),
        ], items);
        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal((2, 1, 1, 0, 0, 0), (summary.GetProperty("images").GetInt32(), summary.GetProperty("present").GetInt32(),
            summary.GetProperty("missing").GetInt32(), summary.GetProperty("drifted").GetInt32(),
            summary.GetProperty("sourceMissing").GetInt32(), summary.GetProperty("failed").GetInt32()));
        var upstream = json.RootElement.GetProperty("upstream").GetProperty("docker.io");
        Assert.Equal((1, 0), (upstream.GetProperty("requests").GetInt64(), upstream.GetProperty("pulls").GetInt64()));
        Assert.Equal(JsonValueKind.Null, upstream.GetProperty("rateLimitRemaining").ValueKind);
    }

    [Fact]
    public async Task Plan_AllPresent_ExitZero_TableShowsStatusAndCost()
    {
        var client = _services.GetRequiredService<RegistryClient>();
        await TestImages.PushAsync(client, "docker.io", $"{_namespace}/app", "latest");
        await TestImages.CopyAsync(client, "docker.io", $"{_namespace}/app", "latest", TestServices.TargetRegistry, $"{_namespace}/app");
        _manifests.Write("Dockerfile", $"FROM {_namespace}/app:latest\n");

        var run = await Plan();

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"{_namespace}/app:latest", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 image: 1 present, 0 missing, 0 drifted, 0 source-missing, 0 failed", run.Output, StringComparison.Ordinal);
        Assert.Contains("docker.io: 1 requests, 0 pulls, rate limit not reported", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--registry", "127.0.0.1:5000", "--endpoint", "docker.io" }, "--endpoint expects NAME=URL")]
    [InlineData(new[] { "--registry", "127.0.0.1:5000", "--endpoint", "docker.io=http://mirror.example:5000" }, "list it in ImageWarmer:Registry:Insecure if that is really wanted (option: --insecure docker.io)")]
    [InlineData(new[] { "--registry", "not a host" }, "--registry must be a registry host")]
    [InlineData(new[] { "--registry", "acr" }, "--registry must be a registry host")]
    public async Task Plan_BadRegistrySettings_ExitOneWithTheReason(string[] extra, string message)
    {
        _manifests.Write("Dockerfile", "FROM nginx:1.27\n");
        string[] args = ["plan", "--manifests", _manifests.Path, .. extra];

        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_NoTargetRegistry_ExitOneSayingHowToNameIt()
    {
        _manifests.Write("Dockerfile", "FROM nginx:1.27\n");
        var run = await CliRun.InvokeAsync("plan", "--manifests", _manifests.Path);

        Assert.Equal(1, run.ExitCode);
        // Core's line (what a Functions app's operator reads too), then the option that names it.
        Assert.Equal("imagewarmer: ImageWarmer:Planning:TargetRegistry is not set: name the target registry (e.g. myacr.azurecr.io) "
            + "(option: --registry myacr.azurecr.io)", run.Error.TrimEnd());
    }

    public void Dispose()
    {
        _services.Dispose();
        _manifests.Dispose();
    }

    private Task<CliRun> Plan(params string[] extra) => CliRun.InvokeAsync(
        ["plan", "--manifests", _manifests.Path, "--registry", TestServices.TargetRegistry,
         "--endpoint", $"docker.io=http://{TestServices.UpstreamRegistry}", .. extra]);
}
