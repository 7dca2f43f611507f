using ImageWarmer.Core.Planning;

namespace ImageWarmer.Core.Operations;

/// <summary>Which declared images the target registry lacks or holds stale, and what finding out cost; changes nothing.</summary>
public sealed class PlanOperation(TargetRegistry targets, ScanOperation scan, WarmPlanner planner)
{
    /// <summary>Scans the manifests and plans every image against the target registry.</summary>
    public async Task<PlanResult> RunAsync(RunOptions options, CancellationToken cancellationToken = default)
    {
        var registry = targets.Resolve(options.TargetRegistry);
        var scanned = await scan.RunAsync(new ScanOptions(options.Manifests, registry), cancellationToken);
        return new PlanResult(registry, scanned, await planner.PlanAsync(scanned.LockedImages, registry, cancellationToken));
    }
}
