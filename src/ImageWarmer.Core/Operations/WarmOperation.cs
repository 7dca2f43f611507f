using ImageWarmer.Core.Importing;
using ImageWarmer.Core.Warming;

namespace ImageWarmer.Core.Operations;

/// <summary>Imports what the target registry lacks (and, by the drift policy, what drifted), inline, with bounded concurrency.</summary>
public sealed class WarmOperation(TargetRegistry targets, ScanOperation scan, WarmService warm, WarmMetrics metrics)
{
    /// <summary>Scans the manifests and warms every image into the target registry.</summary>
    public async Task<WarmResult> RunAsync(RunOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var registry = targets.Resolve(options.TargetRegistry);
        var scanned = await scan.RunAsync(new ScanOptions(options.Manifests, registry), cancellationToken);
        var report = await warm.WarmAsync(scanned.LockedImages, registry, progress, cancellationToken: cancellationToken);
        metrics.Warmed(report);
        return new WarmResult(registry, scanned, report);
    }
}
