using ImageWarmer.Core.Discovery.Snapshots;
using ImageWarmer.Core.Storage;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Operations.SnapshotPush;

/// <summary>Packs a folder's manifests into one <c>.tar.gz</c> and uploads it in a single blob write: the snapshot the
/// nightly run reads.</summary>
public sealed class SnapshotPushOperation(SnapshotPublisher publisher, IOptions<SnapshotOptions> snapshot)
{
    /// <summary>Pushes the snapshot; returns where it went and the files that could not be packed.</summary>
    /// <exception cref="SnapshotNotFoundException">The folder does not exist.</exception>
    public async Task<SnapshotPublishResult> RunAsync(SnapshotPushRequest request, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(request.Folder))
        {
            throw new SnapshotNotFoundException($"folder {Path.GetFullPath(request.Folder)} does not exist");
        }
        var metadata = new Dictionary<string, string>();
        if (!string.IsNullOrEmpty(request.Commit))
        {
            metadata["commit"] = request.Commit;
        }
        return await publisher.PushAsync(new DirectorySnapshotSource(Path.GetFullPath(request.Folder), snapshot.Value), metadata, cancellationToken);
    }
}
