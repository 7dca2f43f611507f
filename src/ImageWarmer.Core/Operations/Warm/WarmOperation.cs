using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Importing;
using ImageWarmer.Core.Operations.Plan;
using ImageWarmer.Core.Operations.Scan;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.Warming;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Operations.Warm;

/// <summary>Imports what the target registry lacks (and, by the drift policy, what drifted), inline, with bounded
/// concurrency. With storage configured, the ledger records each image (an import's provenance, a backup) and that the
/// manifests declare it now, as the nightly run does, so that <c>prune</c> knows these tags too.</summary>
public sealed class WarmOperation(
    TargetRegistry targets, ScanOperation scan, WarmService warm, WarmMetrics metrics, IStatusLedger ledger, WarmRecorder recorder,
    TimeProvider time)
{
    /// <summary>Scans the manifests and warms every image into the target registry.</summary>
    public async Task<WarmResult> RunAsync(WarmRunRequest request, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var registry = targets.Resolve(request.TargetRegistry);
        var scanned = await scan.RunAsync(request.Scan(registry), cancellationToken);
        var report = await warm.WarmAsync(scanned.LockedImages, registry, progress, cancellationToken: cancellationToken);
        metrics.Warmed(report);
        if (ledger.IsConfigured)
        {
            var requestedBy = request.RequestedBy ?? $"warm by {Requester.Default()}";
            await ledger.RecordDeclaredAsync(Declarations.Of(scanned), time.GetUtcNow(), cancellationToken);
            await recorder.RecordAsync(report.Items, requestedBy, cancellationToken: cancellationToken);
        }
        return new WarmResult(registry, scanned, report);
    }
}
