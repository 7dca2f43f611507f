using System.Security.Cryptography;

namespace ImageWarmer.Core.Importing;

/// <summary>Passes a blob through while computing its sha256 and counting bytes, so a streamed copy is verified
/// without a second read and reports progress as it goes.</summary>
internal sealed class HashingReadStream(Stream inner, Action<long>? onRead = null) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string? _digest;

    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The digest of everything read, known once the end was reached (an HTTP content disposes its stream
    /// as soon as it is sent, so the digest is taken at the end, not asked of a disposed hash later).</summary>
    public string? Digest => _digest;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Seen(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override int Read(Span<byte> buffer) => Seen(buffer[..inner.Read(buffer)]);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Seen(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    private int Seen(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0 && _digest is null)
        {
            _digest = "sha256:" + Convert.ToHexStringLower(_hash.GetHashAndReset());
        }
        _hash.AppendData(data);
        BytesRead += data.Length;
        if (data.Length > 0)
        {
            onRead?.Invoke(data.Length);
        }
        return data.Length;
    }
}
