using Azure.Storage.Blobs;
using ImageWarmer.Core.Discovery.Snapshots;
using ImageWarmer.Core.Storage;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Functions.Conformance.Tests;

/// <summary>
/// The nightly function's logic under the host's own timer listener: the schedule comes from <c>%WarmSchedule%</c>
/// (per second here), and with two instances of the app running, the storage-backed singleton lock lets exactly one
/// of them run each tick.
/// </summary>
public sealed class TimerTriggerConformanceTests : IDisposable
{
    private const int Ticks = 4;
    private readonly AppSettings _settings = new();
    private readonly TemporaryDirectory _manifests = new();

    [Fact]
    public async Task Timer_TwoInstances_RunsTheNightlyJobOncePerTickUnderTheSingletonLock()
    {
        _settings.Values["WarmSchedule"] = "*/1 * * * * *";
        await PublishSnapshotAsync();
        var invocations = new Invocations();
        var logs = new CapturedLogs();

        await using (var first = await ConformanceHost.StartAsync("instance-1", _settings.HostId, _settings.Values, [typeof(HostedNightlyWarmup)], invocations, logs))
        await using (var second = await ConformanceHost.StartAsync("instance-2", _settings.HostId, _settings.Values, [typeof(HostedNightlyWarmup)], invocations, logs))
        {
            await Eventually.WaitAsync(() => Task.FromResult(invocations.All.Count), n => n >= Ticks, $"{Ticks} ticks");
        }

        var runs = invocations.All;
        // One instance holds the listener's lock and runs the schedule; the other never runs it. Runs are fewer than
        // twice the schedule's occurrences in the time they span: under load the host's own timer can start a tick late
        // or fire once more around a second boundary (seen in a full run with Native AOT compiles beside it), so the
        // count is not compared tick by tick; the single host is what the lock decides.
        Assert.Single(runs.Select(r => r.Host).Distinct());
        var (earliest, latest) = (runs.Min(r => r.At.ToUnixTimeMilliseconds()) / 1000.0, runs.Max(r => r.At.ToUnixTimeMilliseconds()) / 1000.0);
        Assert.InRange(runs.Count, Ticks, 2 * ((int)(Math.Ceiling(latest) - Math.Floor(earliest)) + 1) - 1);
        // Every run did the nightly job: its report is there.
        var reports = new BlobServiceClient(TestServices.StorageConnectionString);
        foreach (var run in runs)
        {
            var (container, blob) = (run.Report![..run.Report!.IndexOf('/', StringComparison.Ordinal)], run.Report[(run.Report.IndexOf('/', StringComparison.Ordinal) + 1)..]);
            Assert.Equal(_settings.Values["ImageWarmer:Storage:ReportsContainer"], container);
            Assert.True((await reports.GetBlobContainerClient(container).GetBlobClient(blob).ExistsAsync()).Value, run.Report);
        }
        Assert.Equal(runs.Count, runs.Select(r => r.Report).Distinct().Count());
    }

    public void Dispose() => _manifests.Dispose();

    private async Task PublishSnapshotAsync()
    {
        _manifests.Write("imagewarmer.yaml", $"images:\n  - {_settings.Namespace}/app:1.0.0\n");
        using var engine = RegistryTestHost.Build(_settings.Values);
        await engine.GetRequiredService<SnapshotPublisher>().PushAsync(
            new DirectorySnapshotSource(_manifests.Path, engine.GetRequiredService<IOptions<SnapshotOptions>>().Value), new Dictionary<string, string>());
    }
}
