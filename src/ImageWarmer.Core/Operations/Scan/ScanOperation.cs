using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.Storage;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Operations.Scan;

/// <summary>What the manifests declare: a folder, a <c>.tar.gz</c> snapshot, or a snapshot in Blob storage, scanned.</summary>
public sealed class ScanOperation(SnapshotSources sources, ManifestScanner scanner, IOptions<PlanningOptions> planning)
{
    /// <summary>Scans <paramref name="request"/>' manifests.</summary>
    /// <exception cref="Discovery.Snapshots.SnapshotNotFoundException">The snapshot does not exist.</exception>
    /// <exception cref="Discovery.Snapshots.SnapshotUnreadableException">It holds no manifest that could be read.</exception>
    public async Task<ScanResult> RunAsync(ScanRequest request, CancellationToken cancellationToken = default) =>
        await scanner.ScanAsync(sources.Open(request.Manifests), request.TargetRegistry ?? planning.Value.TargetRegistry, cancellationToken);
}
