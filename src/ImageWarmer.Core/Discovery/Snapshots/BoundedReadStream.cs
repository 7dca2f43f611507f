using ImageWarmer.Core.Streams;

namespace ImageWarmer.Core.Discovery.Snapshots;

/// <summary>A read-only stream that fails once more than a set number of bytes has been read through it:
/// a gzip bomb decompresses into this and stops at the limit instead of filling memory or time.</summary>
internal sealed class BoundedReadStream(Stream inner, long limit) : ReadObservingStream(inner)
{
    protected override void Observe(ReadOnlySpan<byte> chunk, long totalRead)
    {
        if (totalRead > limit)
        {
            throw new SnapshotLimitException($"archive expands to more than {limit:N0} bytes");
        }
    }
}
