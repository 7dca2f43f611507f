using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.Streams;

/// <summary>Reads a response body into memory up to a limit, whatever the transfer encoding says: a body sent chunked
/// (no <c>Content-Length</c>) is counted as it arrives, so a hostile server cannot make us hold more than the limit.</summary>
public static class BoundedContent
{
    /// <summary>The body of <paramref name="content"/>, or an <see cref="FailureKind.InvalidInput"/> failure once it
    /// passes <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]> ReadAsync(HttpContent content, int limit, CancellationToken cancellationToken = default)
    {
        if (content.Headers.ContentLength > limit)
        {
            throw TooLarge(limit);
        }
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new MemoryStream();
        var chunk = new byte[Math.Min(limit + 1, 81920)];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(limit);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ImageWarmerException TooLarge(int limit) =>
        new(FailureKind.InvalidInput, $"response body is larger than {limit:N0} bytes");
}
