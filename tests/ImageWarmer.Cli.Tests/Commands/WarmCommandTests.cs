using System.Text.Json;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Tests.Commands;

/// <summary>warm with the OCI copy importer between the two local registries scripts/test.sh starts.</summary>
public sealed class WarmCommandTests : IDisposable
{
    private readonly string _namespace = "v" + Guid.NewGuid().ToString("n")[..10];
    private readonly TemporaryDirectory _manifests = new();
    private readonly ServiceProvider _services = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());

    [Fact]
    public async Task Warm_ImportsWhatIsMissing_SecondRunImportsNothingAndPullsNothing()
    {
        var client = _services.GetRequiredService<RegistryClient>();
        var app = await TestImages.PushAsync(client, "docker.io", $"{_namespace}/app", "1.2.3");
        var tool = await TestImages.PushAsync(client, "docker.io", $"{_namespace}/tool", "stable");
        _manifests.Write("imagewarmer.yaml", $"images:\n  - {_namespace}/app:1.2.3\n  - source: {_namespace}/tool:stable\n    target: {_namespace}/mirror/tool\n");

        var first = await Warm("--json");

        Assert.Equal(0, first.ExitCode);
        using (var json = JsonDocument.Parse(first.Output))
        {
            var items = json.RootElement.GetProperty("items").EnumerateArray()
                .Select(i => (i.GetProperty("target").GetString(), i.GetProperty("before").GetString(), i.GetProperty("status").GetString(), i.GetProperty("targetDigest").GetString()))
                .ToList();
            Assert.Equal([($"{_namespace}/app:1.2.3", "missing", "imported", app), ($"{_namespace}/mirror/tool:stable", "missing", "imported", tool)], items);
            Assert.Equal(2, json.RootElement.GetProperty("summary").GetProperty("imported").GetInt64());
            Assert.True(json.RootElement.GetProperty("summary").GetProperty("bytes").GetInt64() > 0);
        }
        Assert.Equal(tool, await Skopeo.DigestAsync($"{TestServices.TargetRegistry}/{_namespace}/mirror/tool:stable"));

        var second = await Warm();

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("2 images: 0 imported, 2 present", second.Output, StringComparison.Ordinal);
        Assert.Contains("docker.io: 1 requests, 0 pulls", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warm_SourceMissing_ExitTwoAndSaysSo()
    {
        _manifests.Write("Dockerfile", $"FROM {_namespace}/ghost:1.0.0\n");

        var run = await Warm("--json");

        Assert.Equal(2, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("source-missing", json.RootElement.GetProperty("items")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Warm_UnknownImporter_IsAUsageError()
    {
        _manifests.Write("Dockerfile", "FROM nginx:1.27\n");

        var run = await Warm("--importer", "docker-pull");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("docker-pull", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warm_AcrImportWithoutResourceId_ExitOneNamingTheSetting()
    {
        var client = _services.GetRequiredService<RegistryClient>();
        await TestImages.PushAsync(client, "docker.io", $"{_namespace}/app", "1.0.0");
        _manifests.Write("Dockerfile", $"FROM {_namespace}/app:1.0.0\n");

        var run = await Warm("--importer", "acr-import");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ImageWarmer:AcrImport:RegistryResourceId", run.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _services.Dispose();
        _manifests.Dispose();
    }

    private Task<CliRun> Warm(params string[] extra) => CliRun.InvokeAsync(
        ["warm", "--manifests", _manifests.Path, "--registry", TestServices.TargetRegistry,
         "--endpoint", $"docker.io=http://{TestServices.UpstreamRegistry}", .. extra]);
}
