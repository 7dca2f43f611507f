using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Discovery.Snapshots;

namespace ImageWarmer.Core.Storage;

/// <summary>A snapshot that is every blob under a prefix, each blob one file (named relative to the prefix).</summary>
public sealed class BlobPrefixSnapshotSource(BlobContainerClient container, string prefix, SnapshotOptions options) : ISnapshotSource
{
    /// <inheritdoc/>
    public string Description => $"blob:{container.Name}/{prefix}";

    /// <inheritdoc/>
    public async IAsyncEnumerable<SnapshotEntry> ReadEntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!await ExistsAsync(cancellationToken))
        {
            throw new SnapshotNotFoundException($"container {container.Name} does not exist in {container.AccountName}");
        }
        await foreach (var item in container.GetBlobsAsync(prefix: prefix, cancellationToken: cancellationToken))
        {
            var path = item.Name[prefix.Length..].TrimStart('/');
            if (!ManifestFileNames.IsSnapshotFile(path))
            {
                continue;
            }
            var size = item.Properties.ContentLength ?? 0;
            yield return size > options.MaxFileBytes
                ? SnapshotEntry.TooLarge(path, size, options.MaxFileBytes)
                : await DownloadAsync(item.Name, path, cancellationToken);
        }
    }

    private async Task<bool> ExistsAsync(CancellationToken cancellationToken) =>
        (await container.ExistsAsync(cancellationToken)).Value;

    private async Task<SnapshotEntry> DownloadAsync(string blobName, string path, CancellationToken cancellationToken)
    {
        try
        {
            var download = await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return SnapshotEntry.Read(path, download.Value.Content.ToArray());
        }
        catch (RequestFailedException e)
        {
            return SnapshotEntry.Failed(path, $"blob could not be read: {e.Status} {e.ErrorCode}");
        }
    }
}
