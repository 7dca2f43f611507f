using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ImageWarmer.Core.Discovery.Snapshots;

namespace ImageWarmer.Core.Storage;

/// <summary>Uploads a manifests snapshot as one <c>.tar.gz</c> blob in a single write, so a reader sees either the
/// old snapshot or the new one, never half of one.</summary>
public sealed class SnapshotPublisher(StorageClients storage, SnapshotOptions options)
{
    /// <summary>Packs <paramref name="source"/> and uploads it to the configured container and blob name.</summary>
    /// <param name="source">The manifests to pack.</param>
    /// <param name="metadata">Stored with the blob (e.g. <c>commit</c>); <c>createdAt</c> is added.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    public async Task<SnapshotPublishResult> PushAsync(
        ISnapshotSource source, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default)
    {
        using var archive = new MemoryStream();
        var (packed, failed) = await SnapshotArchiveWriter.WriteAsync(source, archive, cancellationToken);
        archive.Position = 0;

        var container = storage.Blobs.GetBlobContainerClient(options.Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = container.GetBlobClient(options.BlobName);
        var blobMetadata = new Dictionary<string, string>(metadata) { ["createdAt"] = DateTimeOffset.UtcNow.ToString("O") };
        // One Put Blob (the archive is far below the single-shot threshold): the swap is atomic.
        await blob.UploadAsync(archive, new BlobUploadOptions
        {
            Metadata = blobMetadata,
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/gzip" },
            TransferOptions = new() { InitialTransferSize = 256L * 1024 * 1024, MaximumTransferSize = 256L * 1024 * 1024 },
        }, cancellationToken);
        return new SnapshotPublishResult($"blob:{options.Container}/{options.BlobName}", packed, archive.Length, failed);
    }
}
