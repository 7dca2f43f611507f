using System.Diagnostics;
using System.Text.Json;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Tests;

/// <summary>The one-file executable pipelines download (scripts/publish.sh: Native AOT on linux-x64), published and run
/// for real: trimming and ahead-of-time compilation must not have cut anything the verbs use.</summary>
public sealed class PublishedExecutableTests : IDisposable
{
    private readonly string _ns = "x" + Guid.NewGuid().ToString("n")[..10];
    private readonly TemporaryDirectory _directory = new();
    private readonly ServiceProvider _services = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());

    [Fact]
    public async Task NativeExecutable_ScanEnsureQueueWorkerAndLedger_WorkAsTheManagedOnesDo()
    {
        var source = SourceCopy.Create(Path.Combine(_directory.Path, "source"));
        var output = Path.Combine(_directory.Path, "out");
        await ToolPackageTests.RunAsync(Path.Combine(source, "scripts", "publish.sh"), "linux-x64", output);
        Assert.Equal(["imagewarmer"], Directory.EnumerateFiles(output).Select(Path.GetFileName));
        var client = _services.GetRequiredService<RegistryClient>();
        var digest = await TestImages.PushAsync(client, "docker.io", $"{_ns}/app", "1.0.0");
        await TestImages.CopyAsync(client, "docker.io", $"{_ns}/app", "1.0.0", TestServices.TargetRegistry, $"{_ns}/app");

        await TestImages.PushAsync(client, "docker.io", $"{_ns}/queued", "2.0.0");

        var scan = await RunAsync(output, "scan", RepositoryPaths.Samples, "--json");
        var ensure = await RunAsync(output, "ensure", $"{_ns}/app:1.0.0", "--registry", TestServices.TargetRegistry);
        var none = await RunAsync(output, "status", $"{_ns}/queued:2.0.0", "--json");
        // The queue, the OCI copy and the ledger's writes, all through the native binary.
        await RunAsync(output, "request", $"{_ns}/queued:2.0.0");
        var worker = await RunAsync(output, "worker", "--once");
        var status = await RunAsync(output, "status", $"{_ns}/queued:2.0.0", "--json");

        Assert.Equal(0, scan.ExitCode);
        using (var json = JsonDocument.Parse(scan.Output))
        {
            Assert.Equal(SampleExpectations.Images.Count, json.RootElement.GetProperty("images").GetArrayLength());
        }
        Assert.Equal(0, ensure.ExitCode);
        Assert.Contains($"({digest}, verified against the source)", ensure.Output, StringComparison.Ordinal);
        Assert.Equal((2, "[]"), (none.ExitCode, none.Output.Trim())); // the ledger's table created, and no row for it yet
        Assert.EndsWith(": warmed", worker.Output.Trim(), StringComparison.Ordinal);
        using var row = JsonDocument.Parse(status.Output);
        Assert.Equal("imported", row.RootElement[0].GetProperty("lastResult").GetString());
    }

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(folder, "imagewarmer"), arguments)
        {
            Environment =
            {
                ["ImageWarmer__Registry__Endpoints__0__Registry"] = "docker.io",
                ["ImageWarmer__Registry__Endpoints__0__Url"] = $"http://{TestServices.UpstreamRegistry}",
                ["ImageWarmer__Storage__ConnectionString"] = TestServices.StorageConnectionString,
                ["ImageWarmer__Storage__LedgerTable"] = "ledger" + _ns,
                ["ImageWarmer__Planning__TargetRegistry"] = TestServices.TargetRegistry,
                ["WarmQueueName"] = "native-" + _ns,
            },
        };
        var run = await ProcessRun.RunAsync(start);
        Assert.True(run.ExitCode is 0 or 2, $"imagewarmer {string.Join(' ', arguments)} exited {run.ExitCode}: {run.Error}");
        return (run.ExitCode, run.Output);
    }
}
