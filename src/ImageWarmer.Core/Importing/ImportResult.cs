namespace ImageWarmer.Core.Importing;

/// <summary>What an import did: the tag now points at <paramref name="Digest"/>.</summary>
/// <param name="AlreadyPresent">The tag was there when the import came to write it (another worker won): nothing was overwritten.</param>
/// <param name="Digest">The digest the target tag points at.</param>
/// <param name="BytesCopied">Blob bytes sent to the target (0 for a server-side import).</param>
/// <param name="BlobsCopied">Blobs streamed.</param>
/// <param name="BlobsSkipped">Blobs the target had, or that were mounted without moving bytes.</param>
public sealed record ImportResult(bool AlreadyPresent, string? Digest, long BytesCopied, int BlobsCopied, int BlobsSkipped);
