using System.Diagnostics;
using ImageWarmer.Core.Concurrency;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Importing.Referrers;
using ImageWarmer.Core.Importing;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.Registry.Traffic;
using ImageWarmer.Core.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Warming;

/// <summary>
/// A warm run: plan every spec, then import what is missing (and, under <see cref="DriftPolicy.Reimport"/>, what
/// drifted, after keeping the old image under a backup tag) with bounded concurrency, and bring each image's referrers
/// along (<see cref="ReferrerStep"/>). One image's failure is reported and the rest go on; a spent rate-limit budget
/// defers an image instead of failing it. The report says what each image went through and what it all cost.
/// </summary>
public sealed class WarmService(
    WarmPlanner planner,
    IEnumerable<IImageImporter> importers,
    ImportGate gate,
    TagBackups backups,
    ReferrerStep referrers,
    RegistryClient registry,
    RegistryTraffic traffic,
    UpstreamBudget budget,
    RegistryEndpoints endpoints,
    ConcurrencyLimits limits,
    IOptions<WarmingOptions> options,
    ILogger<WarmService> logger)
{
    /// <summary>Plans <paramref name="specs"/> against <paramref name="targetRegistry"/>, then warms them.</summary>
    /// <param name="specs">The images.</param>
    /// <param name="targetRegistry">The target's login server.</param>
    /// <param name="progress">Copy progress, for people watching.</param>
    /// <param name="replacement">Whether drifted tags may be replaced: by the drift policy, always (an allowed <c>force</c>), or never.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async Task<WarmReport> WarmAsync(
        IReadOnlyList<ImportSpec> specs, string targetRegistry, IProgress<ImportProgress>? progress = null, TagReplacement replacement = TagReplacement.ByDriftPolicy,
        CancellationToken cancellationToken = default)
    {
        var importer = Importer();
        var before = traffic.Snapshot();
        var plan = await planner.PlanAsync(specs, targetRegistry, cancellationToken);
        return await WarmPlannedAsync(plan.Items, importer, targetRegistry, before, progress, replacement, cancellationToken);
    }

    /// <summary>Warms what a plan already found (<paramref name="planned"/>), asking nothing again: the nightly run hands
    /// over its own plan's items, so an image costs upstream one <c>HEAD</c>, not two.</summary>
    public Task<WarmReport> WarmAsync(
        IReadOnlyList<PlanItem> planned, string targetRegistry, IProgress<ImportProgress>? progress = null, TagReplacement replacement = TagReplacement.ByDriftPolicy,
        CancellationToken cancellationToken = default) =>
        WarmPlannedAsync(planned, Importer(), targetRegistry, traffic.Snapshot(), progress, replacement, cancellationToken);

    private async Task<WarmReport> WarmPlannedAsync(
        IReadOnlyList<PlanItem> planned, IImageImporter importer, string targetRegistry, IReadOnlyDictionary<string, HostTraffic> before,
        IProgress<ImportProgress>? progress, TagReplacement replacement, CancellationToken cancellationToken)
    {
        var items = new WarmItem[planned.Count];
        var tags = new TagListing(registry);
        await limits.ImportsAsync(items.Length, async (i, token) => items[i] = await referrers.ApplyAsync(
            await WarmOneAsync(planned[i], importer, targetRegistry, progress, replacement, token), targetRegistry, tags, token), cancellationToken);

        var report = new WarmReport(items, traffic.CostSince(before, endpoints, planned.Select(p => p.Spec.Source.Registry)));
        var counts = report.Counts;
        Log.Warmed(logger, items.Length, targetRegistry, counts[WarmStatus.Imported], counts[WarmStatus.Present], counts[WarmStatus.Failed], counts[WarmStatus.Deferred]);
        return report;
    }

    // Docker Hub's window is six hours; without a Retry-After, try again in one.
    private static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromHours(1);

    private IImageImporter Importer() =>
        importers.FirstOrDefault(i => i.Name.Equals(options.Value.Importer, StringComparison.OrdinalIgnoreCase))
        ?? throw new ConfigurationException(
            $"importer '{options.Value.Importer}' is not known (ImageWarmer:Warming:Importer: {string.Join(" or ", importers.Select(i => i.Name))})");

    private async Task<WarmItem> WarmOneAsync(
        PlanItem item, IImageImporter importer, string targetRegistry, IProgress<ImportProgress>? progress, TagReplacement replacement,
        CancellationToken cancellationToken)
    {
        var reimport = item.Status == PlanStatus.Drifted && replacement switch
        {
            TagReplacement.Always => true,
            TagReplacement.Never => false,
            _ => options.Value.DriftPolicy == DriftPolicy.Reimport,
        };
        if (item is { Status: PlanStatus.Failed, FailureKind: FailureKind.RateLimited })
        {
            // Upstream said "too many requests" to the plan's HEAD: the image waits for the reset, as an import would.
            return new WarmItem(item.Spec, item.Status, WarmStatus.Deferred, null, null, TimeSpan.Zero, 0, item.Error)
            {
                RetryAfter = item.RetryAfter ?? DefaultRateLimitWait,
            };
        }
        if (item.Status != PlanStatus.Missing && !reimport)
        {
            return new WarmItem(item.Spec, item.Status, AfterPlan(item.Status), item.SourceDigest, item.TargetDigest, TimeSpan.Zero, 0, item.Error)
            {
                FailureKind = item.FailureKind,
            };
        }

        var watch = Stopwatch.StartNew();
        try
        {
            // Whichever importer: a spent budget defers the image before anything is asked of ARM or upstream.
            await budget.ThrowIfSpentAsync(item.Spec.Source.Registry, cancellationToken);
            // Nothing replaced is lost: the image a drifted tag points at is kept under its backup tag first.
            var kept = reimport ? await backups.KeepAsync(item, importer, targetRegistry, cancellationToken) : null;
            // By the digest the plan saw: a tag that moves upstream meanwhile cannot land an image nobody planned.
            var request = new ImportRequest(item.Spec, targetRegistry, Overwrite: reimport, item.SourceMediaType) { SourceDigest = item.SourceDigest };
            var result = await gate.RunOnceAsync($"{targetRegistry}/{item.Spec.Target}",
                () => importer.ImportAsync(request, progress, cancellationToken));
            var after = result.AlreadyPresent ? WarmStatus.Present : WarmStatus.Imported;
            return new WarmItem(item.Spec, item.Status, after, item.SourceDigest, result.Digest ?? item.SourceDigest, watch.Elapsed, result.BytesCopied, null)
            {
                Backup = kept,
            };
        }
        catch (Exception e) when (Failure.OfItem(e, cancellationToken) is { } kind)
        {
            if (kind == FailureKind.RateLimited)
            {
                // A spent budget, or upstream's own 429 that the retries did not outlast: wait for it, do not fail the image.
                return new WarmItem(item.Spec, item.Status, WarmStatus.Deferred, item.SourceDigest, item.TargetDigest, watch.Elapsed, 0, e.Message)
                {
                    RetryAfter = Failure.RetryAfterOf(e) ?? DefaultRateLimitWait,
                };
            }
            Log.ImportFailed(logger, item.Spec.Source.FullyQualified, item.Spec.Target.ToString(), e.Message);
            return new WarmItem(item.Spec, item.Status, WarmStatus.Failed, item.SourceDigest, item.TargetDigest, watch.Elapsed, 0, e.Message)
            {
                FailureKind = kind,
            };
        }
    }

    private static WarmStatus AfterPlan(PlanStatus status) => status switch
    {
        PlanStatus.Present => WarmStatus.Present,
        PlanStatus.Drifted => WarmStatus.Drifted,
        PlanStatus.SourceMissing => WarmStatus.SourceMissing,
        _ => WarmStatus.Failed,
    };
}
