using System.Security.Cryptography;
using ImageWarmer.Core.Importing;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Core.Tests.Importing;

/// <summary>The stream a copied blob passes through: its digest is what the copy checks against the manifest, and its
/// counts are the progress people watch.</summary>
public sealed class HashingReadStreamTests
{
    [Fact]
    public async Task ReadToTheEnd_DigestOfEveryByte_ProgressCountsEachChunk()
    {
        var blob = RandomNumberGenerator.GetBytes(100_000);
        var chunks = new List<long>();
        using var stream = new HashingReadStream(new MemoryStream(blob), chunks.Add);

        var buffer = new byte[7_000];
        while (await stream.ReadAsync(buffer) is > 0)
        {
            Assert.Null(stream.Digest); // known only once the end was reached
        }

        Assert.Equal(Digests.Sha256(blob), stream.Digest);
        Assert.Equal(blob.Length, chunks.Sum());
        Assert.DoesNotContain(0L, chunks);
        Assert.Equal(blob.Length, stream.BytesRead);
    }

    [Fact]
    public void ReadAgainAfterTheEnd_DigestStaysTheBlobs()
    {
        var blob = RandomNumberGenerator.GetBytes(1_000);
        using var stream = new HashingReadStream(new MemoryStream(blob));

        stream.CopyTo(Stream.Null);
        Assert.Equal(0, stream.Read(new byte[16], 0, 16)); // an HTTP content may read past the end again

        Assert.Equal(Digests.Sha256(blob), stream.Digest);
    }

    [Fact]
    public void EmptyBlob_DigestOfNothing()
    {
        using var stream = new HashingReadStream(new MemoryStream());

        stream.CopyTo(Stream.Null);

        Assert.Equal(Digests.Sha256([]), stream.Digest);
    }
}
