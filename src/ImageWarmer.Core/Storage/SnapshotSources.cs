using ImageWarmer.Core.Discovery.Snapshots;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Storage;

/// <summary>
/// Turns a location as users write it into a snapshot source: a folder, a local <c>.tar.gz</c>,
/// <c>blob:</c> (the configured snapshot blob), <c>blob:container/name.tar.gz</c>, or <c>blob:container/prefix/</c>.
/// </summary>
public sealed class SnapshotSources(StorageClients storage, IOptions<SnapshotOptions> options)
{
    /// <summary>The blob scheme prefix.</summary>
    public const string BlobScheme = "blob:";

    /// <summary>The source for <paramref name="location"/>.</summary>
    /// <exception cref="SnapshotNotFoundException">A local path that is neither a folder nor an archive.</exception>
    public ISnapshotSource Open(string location)
    {
        var snapshot = options.Value;
        if (location.StartsWith(BlobScheme, StringComparison.Ordinal))
        {
            return OpenBlob(location[BlobScheme.Length..], snapshot);
        }
        if (Directory.Exists(location))
        {
            return new DirectorySnapshotSource(location, snapshot);
        }
        if (File.Exists(location) && (location.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || location.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase)))
        {
            return new LocalArchiveSnapshotSource(location, snapshot);
        }
        throw new SnapshotNotFoundException(File.Exists(location)
            ? $"{location} is neither a folder nor a .tar.gz archive"
            : $"{location} does not exist (expected a folder, a .tar.gz, or blob:container/name)");
    }

    private ISnapshotSource OpenBlob(string path, SnapshotOptions snapshot)
    {
        if (path.Length == 0)
        {
            path = $"{snapshot.Container}/{snapshot.BlobName}";
        }
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var containerName = slash < 0 ? path : path[..slash];
        var name = slash < 0 ? "" : path[(slash + 1)..];
        var container = storage.Blobs.GetBlobContainerClient(containerName);
        return name.Length == 0 || name.EndsWith('/')
            ? new BlobPrefixSnapshotSource(container, name, snapshot)
            : new BlobArchiveSnapshotSource(container.GetBlobClient(name), snapshot);
    }
}
