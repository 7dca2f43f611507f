namespace ImageWarmer.Core.Discovery.Snapshots;

/// <summary>
/// A snapshot of a repository's manifests: a local folder, a <c>.tar.gz</c> (on disk or in Blob storage), or a
/// blob prefix. Sources yield only the files discovery reads (<see cref="ManifestFileNames"/>), in memory and
/// within <see cref="SnapshotOptions"/>' limits; a path from a snapshot is never used to write to disk.
/// </summary>
public interface ISnapshotSource
{
    /// <summary>Where the snapshot is, for messages: <c>samples/</c>, <c>blob manifests/snapshot.tar.gz</c>.</summary>
    string Description { get; }

    /// <summary>The manifest files, each with its content or the reason it could not be read.</summary>
    /// <exception cref="SnapshotNotFoundException">The snapshot itself does not exist.</exception>
    IAsyncEnumerable<SnapshotEntry> ReadEntriesAsync(CancellationToken cancellationToken = default);
}
