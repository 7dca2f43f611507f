using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Testing;

/// <summary>
/// Images a real build tool can pull and build on (unlike <see cref="TestImages"/>' random-byte layers): one gzipped
/// tar layer holding a file, and a linux/amd64 config whose <c>rootfs.diff_ids</c> is the digest of the uncompressed
/// tar, which buildah and containerd check when they unpack.
/// </summary>
public static class RunnableImages
{
    /// <summary>Pushes an image whose only file is <paramref name="path"/> holding <paramref name="content"/>; returns the
    /// manifest digest.</summary>
    public static async Task<string> PushAsync(RegistryClient client, string registry, string repository, string tag, string path, string content)
    {
        var tar = Tar(path, content);
        var layer = Gzip(tar);
        var config = JsonSerializer.SerializeToUtf8Bytes(new
        {
            architecture = "amd64",
            os = "linux",
            config = new { Env = new[] { "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" } },
            rootfs = new { type = "layers", diff_ids = new[] { Digests.Sha256(tar) } },
        });
        await client.UploadBlobAsync(new RepositoryRef(registry, repository), Digests.Sha256(config), config);
        await client.UploadBlobAsync(new RepositoryRef(registry, repository), Digests.Sha256(layer), layer);
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = MediaTypes.OciManifest,
            config = new { mediaType = MediaTypes.OciConfig, digest = Digests.Sha256(config), size = config.Length },
            layers = new[] { new { mediaType = MediaTypes.OciLayerGzip, digest = Digests.Sha256(layer), size = layer.Length } },
        });
        return await client.PutManifestAsync(new RepositoryRef(registry, repository), tag, MediaTypes.OciManifest, manifest);
    }

    private static byte[] Tar(string path, string content)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            var directory = Path.GetDirectoryName(path.TrimStart('/'));
            if (!string.IsNullOrEmpty(directory))
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, directory + "/") { Mode = (UnixFileMode)0b111_101_101 });
            }
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path.TrimStart('/'))
            {
                Mode = (UnixFileMode)0b110_100_100,
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
            });
        }
        return buffer.ToArray();
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }
        return buffer.ToArray();
    }
}
