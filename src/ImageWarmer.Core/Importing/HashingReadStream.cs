using System.Security.Cryptography;
using ImageWarmer.Core.Streams;

namespace ImageWarmer.Core.Importing;

/// <summary>Passes a blob through while computing its sha256 and counting bytes, so a streamed copy is verified
/// without a second read and reports progress as it goes.</summary>
internal sealed class HashingReadStream(Stream inner, Action<long>? onRead = null) : ReadObservingStream(inner)
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>The digest of everything read, known once the end was reached (an HTTP content disposes its stream
    /// as soon as it is sent, so the digest is taken at the end, not asked of a disposed hash later).</summary>
    public string? Digest { get; private set; }

    protected override void Observe(ReadOnlySpan<byte> chunk, long totalRead)
    {
        if (chunk.Length == 0)
        {
            Digest ??= "sha256:" + Convert.ToHexStringLower(_hash.GetHashAndReset());
            return;
        }
        _hash.AppendData(chunk);
        onRead?.Invoke(chunk.Length);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }
}
