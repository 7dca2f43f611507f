using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Storage;

namespace ImageWarmer.Core.Operations;

/// <summary>What the manifests declare: a folder, a <c>.tar.gz</c> snapshot, or a snapshot in Blob storage, scanned.</summary>
public sealed class ScanOperation(SnapshotSources sources, ManifestScanner scanner)
{
    /// <summary>Scans <paramref name="options"/>' manifests.</summary>
    public async Task<ScanResult> RunAsync(ScanOptions options, CancellationToken cancellationToken = default) =>
        await scanner.ScanAsync(sources.Open(options.Manifests), cancellationToken);
}
