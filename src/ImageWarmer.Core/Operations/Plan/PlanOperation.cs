using ImageWarmer.Core.Concurrency;
using ImageWarmer.Core.Importing.Referrers;
using ImageWarmer.Core.Operations.Scan;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.Registry.Traffic;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Warming;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Operations.Plan;

/// <summary>Which declared images the target registry lacks or holds stale, and what finding out cost; changes nothing.
/// When referrers are copied, it also counts what refers to each image the target holds, asking the target only (one
/// <c>tags/list</c> per repository, and its referrers API): a plan never asks upstream for referrers.</summary>
public sealed class PlanOperation(
    TargetRegistry targets,
    ScanOperation scan,
    WarmPlanner planner,
    ReferrerSync referrers,
    RegistryClient registry,
    RegistryTraffic traffic,
    RegistryEndpoints endpoints,
    IOptions<WarmingOptions> warming,
    ConcurrencyLimits limits)
{
    /// <summary>Scans the manifests and plans every image against the target registry.</summary>
    public async Task<PlanResult> RunAsync(PlanRequest request, CancellationToken cancellationToken = default)
    {
        var host = targets.Resolve(request.TargetRegistry);
        var scanned = await scan.RunAsync(request.Scan(host), cancellationToken);
        var before = traffic.Snapshot();
        var plan = await planner.PlanAsync(scanned.LockedImages, host, cancellationToken);
        if (warming.Value.CopiesReferrers)
        {
            plan = await CountReferrersAsync(plan, host, cancellationToken);
            plan = plan with { Traffic = traffic.CostSince(before, endpoints, scanned.LockedImages.Select(s => s.Source.Registry)) };
        }
        return new PlanResult(host, scanned, plan);
    }

    private async Task<WarmPlan> CountReferrersAsync(WarmPlan plan, string host, CancellationToken cancellationToken)
    {
        var items = plan.Items.ToArray();
        var tags = new TagListing(registry);
        await limits.LookupsAsync(items.Length, async (i, token) =>
            {
                if (items[i].Status is PlanStatus.Present or PlanStatus.Drifted && items[i].TargetDigest is { } digest)
                {
                    items[i] = items[i] with { Referrers = await referrers.CountAsync(items[i].Spec, host, digest, tags, token) };
                }
            }, cancellationToken);
        return plan with { Items = items };
    }
}
