using ImageWarmer.Core.Discovery.Snapshots;
using ImageWarmer.Core.Storage;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Operations;

/// <summary>Packs a folder's manifests into one <c>.tar.gz</c> and uploads it in a single blob write: the snapshot the
/// nightly run reads.</summary>
public sealed class SnapshotPushOperation(SnapshotPublisher publisher, IOptions<SnapshotOptions> snapshot)
{
    /// <summary>Pushes the snapshot; returns where it went and the files that could not be packed.</summary>
    /// <exception cref="SnapshotNotFoundException">The folder does not exist.</exception>
    public async Task<SnapshotPublishResult> RunAsync(SnapshotPushOptions options, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(options.Folder))
        {
            throw new SnapshotNotFoundException($"folder {Path.GetFullPath(options.Folder)} does not exist");
        }
        var metadata = new Dictionary<string, string>();
        if (!string.IsNullOrEmpty(options.Commit))
        {
            metadata["commit"] = options.Commit;
        }
        return await publisher.PushAsync(new DirectorySnapshotSource(Path.GetFullPath(options.Folder), snapshot.Value), metadata, cancellationToken);
    }
}
