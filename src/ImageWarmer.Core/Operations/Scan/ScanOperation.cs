using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Discovery.Snapshots;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.Storage;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Operations.Scan;

/// <summary>What the manifests declare: folders, <c>.tar.gz</c> snapshots, or snapshots in Blob storage, scanned as one,
/// with their lock file.</summary>
public sealed class ScanOperation(
    SnapshotSources sources, ManifestScanner scanner, IOptions<PlanningOptions> planning, IOptions<SnapshotOptions> snapshot)
{
    /// <summary>Scans <paramref name="request"/>' manifests.</summary>
    /// <exception cref="SnapshotNotFoundException">A snapshot does not exist.</exception>
    /// <exception cref="SnapshotUnreadableException">They hold no manifest that could be read.</exception>
    /// <exception cref="ConfigurationException">No manifests are named, or the lock file named does not exist.</exception>
    public async Task<ScanResult> RunAsync(ScanRequest request, CancellationToken cancellationToken = default)
    {
        var locations = request.Manifests.Distinct(StringComparer.Ordinal).ToList();
        if (locations.Count == 0)
        {
            throw new ConfigurationException("name the manifests: a folder, a .tar.gz snapshot, or blob:");
        }
        var parts = locations.Select(sources.Open).ToList();
        var scanned = await scanner.ScanAsync(
            parts.Count == 1 ? parts[0] : new CombinedSnapshotSource(parts), request.TargetRegistry ?? planning.Value.TargetRegistry, cancellationToken);
        var folders = locations.Where((_, i) => parts[i] is DirectorySnapshotSource).ToList();
        return LockFileLocator.Apply(scanned, folders, request.LockFile, snapshot.Value.MaxFileBytes);
    }
}
