using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Testing;

/// <summary>Synthetic images pushed to a real registry through <see cref="RegistryClient"/>: a config and a layer of
/// random bytes each (so every image is distinct), as an OCI manifest, or an index of two platforms.</summary>
public static class TestImages
{
    /// <summary>Pushes a single-platform image under <paramref name="tag"/>; returns the manifest digest.</summary>
    public static Task<string> PushAsync(RegistryClient client, string registry, string repository, string tag, int layerBytes = 1024) =>
        PushAsync(client, registry, repository, tag, RandomNumberGenerator.GetBytes(layerBytes));

    /// <summary>Pushes an image whose layers are <paramref name="layers"/> (share a layer between images by passing it twice).</summary>
    public static async Task<string> PushAsync(RegistryClient client, string registry, string repository, string tag, params byte[][] layers)
    {
        var (bytes, _) = await PushManifestAsync(client, registry, repository, "amd64", layers);
        return await client.PutManifestAsync(new RepositoryRef(registry, repository), tag, MediaTypes.OciManifest, bytes);
    }

    /// <summary>Pushes the same manifest bytes (so the same digest) to another place: what an import produces.</summary>
    public static async Task<string> CopyAsync(RegistryClient client, string fromRegistry, string fromRepository, string tag, string toRegistry, string toRepository)
    {
        var source = Core.References.ImageReference.Parse($"{fromRegistry}/{fromRepository}:{tag}");
        var manifest = await client.TryGetManifestAsync(source) ?? throw new InvalidOperationException($"{source} is not there");
        await CopyGraphAsync(client, fromRegistry, fromRepository, toRegistry, toRepository, manifest);
        return await client.PutManifestAsync(new RepositoryRef(toRegistry, toRepository), tag, manifest.Descriptor.MediaType, manifest.Bytes);
    }

    /// <summary>Pushes a two-platform index (linux/amd64, linux/arm64) under <paramref name="tag"/>; returns its digest.</summary>
    public static Task<string> PushIndexAsync(RegistryClient client, string registry, string repository, string tag) =>
        PushIndexAsync(client, registry, repository, tag, ["amd64", "arm64"]);

    /// <summary>Pushes an index of one linux image per name in <paramref name="architectures"/>; returns its digest.</summary>
    public static async Task<string> PushIndexAsync(RegistryClient client, string registry, string repository, string tag, IEnumerable<string> architectures)
    {
        var manifests = new List<object>();
        foreach (var architecture in architectures)
        {
            var (bytes, digest) = await PushManifestAsync(client, registry, repository, architecture, [RandomNumberGenerator.GetBytes(512)]);
            await client.PutManifestAsync(new RepositoryRef(registry, repository), digest, MediaTypes.OciManifest, bytes);
            manifests.Add(new { mediaType = MediaTypes.OciManifest, digest, size = bytes.Length, platform = new { os = "linux", architecture } });
        }
        var index = JsonSerializer.SerializeToUtf8Bytes(new { schemaVersion = 2, mediaType = MediaTypes.OciIndex, manifests });
        return await client.PutManifestAsync(new RepositoryRef(registry, repository), tag, MediaTypes.OciIndex, index);
    }

    /// <summary>The case prune must not break: an index under <paramref name="tag"/>, and its first (amd64) child also
    /// under the tag ImageWarmer writes for a digest-pinned declaration of it (<c>FROM repo@sha256:…</c>); returns the
    /// child's digest and that tag.</summary>
    public static async Task<(string Child, string PinTag)> PushIndexWithPinnedChildAsync(RegistryClient client, string registry, string repository, string tag)
    {
        await PushIndexAsync(client, registry, repository, tag);
        var index = await client.TryGetManifestAsync(ImageReference.Parse($"{registry}/{repository}:{tag}"));
        using var json = JsonDocument.Parse(index!.Bytes);
        var child = json.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
        var manifest = await client.TryGetManifestAsync(ImageReference.Parse($"{registry}/{repository}@{child}"));
        var pinTag = TargetImage.DefaultTagFor(ImageReference.Parse($"docker.io/{repository}@{child}"));
        await client.PutManifestAsync(new RepositoryRef(registry, repository), pinTag, MediaTypes.OciManifest, manifest!.Bytes);
        return (child, pinTag);
    }

    private static async Task<(byte[] Bytes, string Digest)> PushManifestAsync(
        RegistryClient client, string registry, string repository, string architecture, byte[][] layers)
    {
        var config = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            architecture,
            os = "linux",
            rootfs = new { type = "layers", diff_ids = Array.Empty<string>() },
            config = new { Env = new[] { "NONCE=" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) } },
        }));
        await client.UploadBlobAsync(new RepositoryRef(registry, repository), Digests.Sha256(config), config);
        foreach (var layer in layers)
        {
            await client.UploadBlobAsync(new RepositoryRef(registry, repository), Digests.Sha256(layer), layer);
        }
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = MediaTypes.OciManifest,
            config = new { mediaType = MediaTypes.OciConfig, digest = Digests.Sha256(config), size = config.Length },
            layers = layers.Select(l => new { mediaType = MediaTypes.OciLayerGzip, digest = Digests.Sha256(l), size = l.Length }).ToArray(),
        });
        return (manifest, Digests.Sha256(manifest));
    }

    // Test-side copy of config and layers (and an index's children), just enough to make "present" states.
    private static async Task CopyGraphAsync(
        RegistryClient client, string fromRegistry, string fromRepository, string toRegistry, string toRepository, ManifestContent manifest)
    {
        using var json = JsonDocument.Parse(manifest.Bytes);
        if (MediaTypes.IsIndex(manifest.Descriptor.MediaType))
        {
            foreach (var child in json.RootElement.GetProperty("manifests").EnumerateArray())
            {
                var digest = child.GetProperty("digest").GetString()!;
                var childManifest = await client.TryGetManifestAsync(Core.References.ImageReference.Parse($"{fromRegistry}/{fromRepository}@{digest}"));
                await CopyGraphAsync(client, fromRegistry, fromRepository, toRegistry, toRepository, childManifest!);
                await client.PutManifestAsync(new RepositoryRef(toRegistry, toRepository), digest, childManifest!.Descriptor.MediaType, childManifest.Bytes);
            }
            return;
        }
        var blobs = json.RootElement.GetProperty("layers").EnumerateArray().Append(json.RootElement.GetProperty("config"));
        foreach (var blob in blobs)
        {
            var digest = blob.GetProperty("digest").GetString()!;
            await using var stream = await client.OpenBlobAsync(new RepositoryRef(fromRegistry, fromRepository), digest);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            await client.UploadBlobAsync(new RepositoryRef(toRegistry, toRepository), digest, buffer.ToArray());
        }
    }
}
