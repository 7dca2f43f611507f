using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using ImageWarmer.Core.Discovery.Snapshots;

namespace ImageWarmer.Core.Storage;

/// <summary>A snapshot that is one <c>.tar.gz</c> blob (default <c>manifests/snapshot.tar.gz</c>), streamed, never
/// downloaded to disk.</summary>
public sealed class BlobArchiveSnapshotSource(BlobClient blob, SnapshotOptions options) : ISnapshotSource
{
    /// <inheritdoc/>
    public string Description => $"blob:{blob.BlobContainerName}/{blob.Name}";

    /// <inheritdoc/>
    public async IAsyncEnumerable<SnapshotEntry> ReadEntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Stream content;
        try
        {
            content = await blob.OpenReadAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new SnapshotNotFoundException(
                $"snapshot {Description} does not exist in {blob.AccountName} ({e.ErrorCode}); push one with 'imagewarmer snapshot push'", e);
        }
        await foreach (var entry in TarGzSnapshotReader.ReadAsync(content, Description, options, cancellationToken))
        {
            yield return entry;
        }
    }
}
