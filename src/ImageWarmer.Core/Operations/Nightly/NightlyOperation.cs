using System.Text.Json;
using ImageWarmer.Core.Concurrency;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Importing.Referrers;
using ImageWarmer.Core.Operations.Plan;
using ImageWarmer.Core.Operations.Prune;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.Retention;
using ImageWarmer.Core.Warming;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Operations.Nightly;

/// <summary>
/// The nightly run: read the manifests snapshot, plan it, record in the ledger that it declares each image, and enqueue
/// one warm request per image that needs work (fan-out: imports scale over queue function instances and retry one by
/// one), then write the run report. An image a queue message cannot carry (the manifests name its ACR repository
/// themselves, or pin a tag to a digest, which a worker would check against upstream's tag) is warmed by this run
/// itself: the manifests are trusted, the queue is not. Under <see cref="WarmingOptions.RefreshReferrers"/> it also
/// copies referrers added upstream to images the target has; under <see cref="RetentionOptions.After"/> it prunes what
/// nothing declared for that long (not when the manifests had problems: a file that could not be read declares
/// nothing, and its images must not look forgotten). A missing or unreadable snapshot is an error, never an empty success.
/// </summary>
public sealed class NightlyOperation(
    PlanOperation plan,
    IWarmRequestQueue queue,
    WarmRequestReader reader,
    WarmService warm,
    ReferrerSync referrers,
    ConcurrencyLimits limits,
    PruneOperation prune,
    IStatusLedger ledger,
    WarmRecorder recorder,
    IRunReportStore reports,
    IOptions<WarmingOptions> warming,
    IOptions<RetentionOptions> retention,
    TimeProvider time,
    WarmMetrics metrics,
    ILogger<NightlyOperation> logger)
{
    /// <summary>Runs once; returns the report and where it was written. A run that throws is counted as failed
    /// (the alert on missed or failed nightly runs reads that count).</summary>
    public async Task<NightlyResult> RunAsync(NightlyRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await RunOnceAsync(request, cancellationToken);
            metrics.NightlyRun(succeeded: true);
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.NightlyRun(succeeded: false);
            Log.NightlyFailed(logger, e.Message);
            throw;
        }
    }

    private async Task<NightlyResult> RunOnceAsync(NightlyRequest request, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var runId = $"{startedAt:HHmmss}-{Guid.NewGuid().ToString("n")[..8]}";
        var planned = await plan.RunAsync(new PlanRequest(request.Manifests, request.TargetRegistry) { LockFile = request.LockFile }, cancellationToken);
        metrics.Planned(planned.Plan);
        await ledger.For(planned.TargetRegistry).RecordDeclaredAsync(Declarations.Of(planned.Scan), startedAt, cancellationToken);
        // The whole snapshot was read: prune may trust these declarations for a while (DeclarationFreshness).
        await ledger.RecordDeclarationRunAsync(planned.TargetRegistry, startedAt, planned.Scan.Problems.Count, cancellationToken);

        var enqueued = new List<string>();
        var inline = new List<PlanItem>();
        foreach (var item in planned.Plan.Items.Where(NeedsWork))
        {
            // A tag upstream must vouch for is warmed here too: the plan's HEAD vouched already, a worker would ask again.
            if (!reader.IsQueueable(item.Spec, out _) || QueueRequestVetting.NeedsUpstreamWord(item.Spec))
            {
                inline.Add(item);
                continue;
            }
            // No force: the worker's drift policy is this one, and a queue's force is not honoured by default.
            var message = new WarmRequest(WarmRequest.CurrentVersion, item.Spec.Source.FullyQualified, item.Spec.Target.ToString(),
                $"nightly run {runId}", Force: false);
            await queue.EnqueueAsync(message, cancellationToken: cancellationToken);
            enqueued.Add(item.Spec.Target.ToString());
        }
        var warmed = await WarmInlineAsync(inline, planned.TargetRegistry, $"nightly run {runId}", cancellationToken);
        var (items, referrersCopied) = await RefreshReferrersAsync(planned.Plan.Items, planned.TargetRegistry, cancellationToken);
        var (pruned, pruneSkipped) = await PruneAsync(planned, runId, cancellationToken);

        var report = new NightlyReport(
            runId, startedAt, planned.Scan.Snapshot, planned.TargetRegistry,
            items,
            enqueued,
            warmed,
            [.. planned.Scan.Problems.Select(p => p.ToString())],
            planned.Plan.Traffic.ToDictionary(t => t.Key, t => new NightlyReport.Host(t.Value.Requests, t.Value.Pulls, t.Value.RateLimitRemaining)))
        {
            ReferrersCopied = referrersCopied,
            Pruned = pruned,
            PruneSkipped = pruneSkipped,
        };
        var location = await reports.WriteAsync(startedAt, runId, JsonSerializer.SerializeToUtf8Bytes(report, NightlyReportJson.Default.NightlyReport), cancellationToken);
        Log.NightlyRun(logger, runId, planned.Scan.Images.Count, enqueued.Count, planned.Scan.Problems.Count, location);
        return new NightlyResult(report, location);
    }

    private async Task<IReadOnlyList<NightlyReport.Item>> WarmInlineAsync(
        IReadOnlyList<PlanItem> planned, string targetRegistry, string requestedBy, CancellationToken cancellationToken)
    {
        if (planned.Count == 0)
        {
            return [];
        }
        // The plan's own items: asking upstream again would double the HEADs for nothing.
        var report = await warm.WarmAsync(planned, targetRegistry, cancellationToken: cancellationToken);
        await recorder.RecordAsync(targetRegistry, report.Items, requestedBy, cancellationToken: cancellationToken);
        return [.. report.Items.Select(i => new NightlyReport.Item(
            i.Spec.Source.FullyQualified, i.Spec.Target.ToString(), i.After.ToText(), i.SourceDigest, i.TargetDigest, i.Error ?? i.ReferrersError, i.Referrers))];
    }

    // Images the target has: their referrers upstream, looked up without a pull of the image, when asked to.
    private async Task<(IReadOnlyList<NightlyReport.Item> Items, int Copied)> RefreshReferrersAsync(
        IReadOnlyList<PlanItem> planItems, string targetRegistry, CancellationToken cancellationToken)
    {
        var refresh = warming.Value.CopiesReferrers && warming.Value.RefreshReferrers;
        var items = new NightlyReport.Item[planItems.Count];
        var copied = 0;
        await limits.LookupsAsync(items.Length, async (i, token) =>
        {
            var item = planItems[i];
            var (referrerCount, error) = (item.Referrers, item.Error);
            if (refresh && item.Status == PlanStatus.Present && item.TargetDigest is { } digest)
            {
                var outcome = await referrers.SyncAsync(item.Spec, targetRegistry, digest, token);
                (referrerCount, error) = (outcome.Found, outcome.Error);
                Interlocked.Add(ref copied, outcome.Written);
            }
            items[i] = new NightlyReport.Item(
                item.Spec.Source.FullyQualified, item.Spec.Target.ToString(), item.Status.ToText(), item.SourceDigest, item.TargetDigest, error, referrerCount);
        }, cancellationToken);
        return (items, copied);
    }

    private async Task<(IReadOnlyList<string>? Pruned, string? Skipped)> PruneAsync(PlanResult planned, string runId, CancellationToken cancellationToken)
    {
        if (retention.Value.After is not { } after)
        {
            return (null, null);
        }
        if (planned.Scan.Problems.Count > 0)
        {
            var reason = $"the manifests had {planned.Scan.Problems.Count} problems, and a file that could not be read declares nothing";
            Log.PruneSkipped(logger, runId, reason);
            return (null, reason);
        }
        var result = await prune.RunAsync(new PruneRequest(planned.TargetRegistry, after, Apply: true), cancellationToken);
        return result.Refusal is { } refusal
            ? (null, refusal)
            : ([.. result.Items.Where(i => i.Action == PruneAction.Deleted).Select(i => i.Target)], null);
    }

    // Missing images always; drifted ones only when the policy re-imports them (otherwise the report says so).
    private bool NeedsWork(PlanItem item) =>
        item.Status == PlanStatus.Missing || (item.Status == PlanStatus.Drifted && warming.Value.DriftPolicy == DriftPolicy.Reimport);
}
