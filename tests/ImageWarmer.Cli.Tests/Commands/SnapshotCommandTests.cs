using System.Text.Json;
using ImageWarmer.Testing;

namespace ImageWarmer.Cli.Tests.Commands;

/// <summary>snapshot push and scan blob: against Azurite, configured the way users do it (a --config file).</summary>
public sealed class SnapshotCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly string _container = "manifests-" + Guid.NewGuid().ToString("n")[..12];
    private readonly string _config;

    public SnapshotCommandTests()
    {
        var settings = new
        {
            ImageWarmer = new
            {
                Storage = new { ConnectionString = TestServices.StorageConnectionString },
                Snapshot = new { Container = _container },
            },
        };
        _config = _directory.Write("settings.json", JsonSerializer.Serialize(settings));
    }

    [Fact]
    public async Task PushThenScanBlob_Samples_ScanSeesEveryImage()
    {
        var push = await CliRun.InvokeAsync("snapshot", "push", RepositoryPaths.Samples, "--commit", "abc123", "--config", _config);

        Assert.Equal(0, push.ExitCode);
        Assert.StartsWith($"pushed 10 manifest files (", push.Output, StringComparison.Ordinal);
        Assert.Contains($"to blob:{_container}/snapshot.tar.gz", push.Output, StringComparison.Ordinal);

        var scan = await CliRun.InvokeAsync("scan", "blob:", "--json", "--config", _config);

        Assert.Equal(0, scan.ExitCode);
        using var json = JsonDocument.Parse(scan.Output);
        Assert.Equal(SampleExpectations.Images.Count, json.RootElement.GetProperty("images").GetArrayLength());
    }

    [Fact]
    public async Task ScanBlob_NothingPushed_ExitsOneSayingSo()
    {
        var scan = await CliRun.InvokeAsync("scan", "blob:", "--config", _config);

        Assert.Equal(1, scan.ExitCode);
        Assert.Contains($"snapshot blob:{_container}/snapshot.tar.gz does not exist", scan.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_NoStorageConfigured_ExitsOneNamingTheSetting()
    {
        var empty = _directory.Write("empty.json", "{}");
        var push = await CliRun.InvokeAsync("snapshot", "push", RepositoryPaths.Samples, "--config", empty);

        Assert.Equal(1, push.ExitCode);
        Assert.Contains("ImageWarmer__Storage__ConnectionString", push.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
