using System.Runtime.CompilerServices;

namespace ImageWarmer.Core.Discovery.Snapshots;

/// <summary>A snapshot that is a <c>.tar.gz</c> file on disk (what <c>imagewarmer snapshot push</c> uploads).</summary>
public sealed class LocalArchiveSnapshotSource(string archivePath, SnapshotOptions options) : ISnapshotSource
{
    /// <inheritdoc/>
    public string Description => archivePath;

    /// <inheritdoc/>
    public async IAsyncEnumerable<SnapshotEntry> ReadEntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!File.Exists(archivePath))
        {
            throw new SnapshotNotFoundException($"archive {archivePath} does not exist");
        }
        var file = File.OpenRead(archivePath);
        await foreach (var entry in TarGzSnapshotReader.ReadAsync(file, archivePath, options, cancellationToken))
        {
            yield return entry;
        }
    }
}
