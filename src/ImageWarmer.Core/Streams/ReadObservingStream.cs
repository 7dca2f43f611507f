namespace ImageWarmer.Core.Streams;

/// <summary>A read-only stream that shows every chunk read through it to <see cref="Observe"/> before passing it on:
/// the base of the size limit on archives and of the digest check on copied blobs.</summary>
internal abstract class ReadObservingStream(Stream inner) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    /// <summary>Bytes read so far.</summary>
    public long BytesRead => _read;

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

    /// <summary>Sees each chunk as it passes (an empty one at the end of the stream); may throw to stop the read.</summary>
    protected abstract void Observe(ReadOnlySpan<byte> chunk, long totalRead);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    private int Seen(ReadOnlySpan<byte> chunk)
    {
        _read += chunk.Length;
        Observe(chunk, _read);
        return chunk.Length;
    }
}
