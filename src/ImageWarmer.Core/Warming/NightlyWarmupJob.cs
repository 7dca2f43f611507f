using System.Text.Json;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Warming;

/// <summary>
/// The nightly run: read the manifests snapshot from Blob storage, plan it, and enqueue one warm request per image that
/// needs work (fan-out: imports scale over queue function instances and retry one by one), then write the run report.
/// A missing or unreadable snapshot is an error, never an empty success.
/// </summary>
public sealed class NightlyWarmupJob(
    SnapshotSources sources,
    ManifestScanner scanner,
    WarmPlanner planner,
    WarmQueue queue,
    RunReports reports,
    IOptions<PlanningOptions> planning,
    IOptions<WarmingOptions> warming,
    TimeProvider time,
    ILogger<NightlyWarmupJob> logger)
{
    /// <summary>Runs once; returns the report and where it was written.</summary>
    public async Task<(NightlyReport Report, string Location)> RunAsync(CancellationToken cancellationToken = default)
    {
        var startedAt = time.GetUtcNow();
        var runId = $"{startedAt:HHmmss}-{Guid.NewGuid().ToString("n")[..8]}";
        var target = planning.Value.TargetRegistry
            ?? throw new InvalidOperationException("ImageWarmer:Planning:TargetRegistry is not set: the nightly run needs the ACR login server");
        var snapshot = sources.Open(SnapshotSources.BlobScheme);
        var scan = await scanner.ScanAsync(snapshot, cancellationToken);
        var plan = await planner.PlanAsync(scan.Images, target, cancellationToken);

        var enqueued = new List<string>();
        foreach (var item in plan.Items.Where(NeedsWork))
        {
            var request = new WarmRequest(WarmRequest.CurrentVersion, item.Spec.Source.FullyQualified, item.Spec.Target.ToString(),
                $"nightly run {runId}", Force: item.Status == PlanStatus.Drifted);
            await queue.EnqueueAsync(request, cancellationToken: cancellationToken);
            enqueued.Add(item.Spec.Target.ToString());
        }

        var report = new NightlyReport(
            runId, startedAt, snapshot.Description, target,
            [.. plan.Items.Select(i => new NightlyReport.Item(i.Spec.Source.FullyQualified, i.Spec.Target.ToString(), i.Status.ToText(), i.SourceDigest, i.TargetDigest, i.Error))],
            enqueued,
            [.. scan.Problems.Select(p => p.ToString())],
            plan.Traffic.ToDictionary(t => t.Key, t => new NightlyReport.Host(t.Value.Requests, t.Value.Pulls, t.Value.RateLimitRemaining)));
        var location = await reports.WriteAsync(startedAt, runId, JsonSerializer.SerializeToUtf8Bytes(report, NightlyReportJson.Default.NightlyReport), cancellationToken);
        Log.NightlyRun(logger, runId, scan.Images.Count, enqueued.Count, scan.Problems.Count, location);
        return (report, location);
    }

    // Missing images always; drifted ones only when the policy re-imports them (otherwise the report says so).
    private bool NeedsWork(PlanItem item) =>
        item.Status == PlanStatus.Missing || (item.Status == PlanStatus.Drifted && warming.Value.DriftPolicy == DriftPolicy.Reimport);
}
