using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Importing.Referrers;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Testing;

/// <summary>Artifacts that refer to an image, pushed the way signing and SBOM tools push them to a registry without the
/// referrers API (docker-registry 2.8): a cosign signature under <c>sha256-&lt;hex&gt;.sig</c>, and an OCI 1.1 artifact with
/// a <c>subject</c> listed in the referrers tag schema's fallback index <c>sha256-&lt;hex&gt;</c>.</summary>
public static class TestReferrers
{
    /// <summary>The media type of cosign's simple-signing payload.</summary>
    public const string SimpleSigning = "application/vnd.dev.cosign.simplesigning.v1+json";

    /// <summary>An SPDX SBOM's artifact type.</summary>
    public const string Spdx = "application/spdx+json";

    /// <summary>Pushes a cosign-style signature of <paramref name="subject"/> (an OCI image manifest whose one layer is the
    /// signed payload, the signature in an annotation) under its <c>.sig</c> tag; returns the signature's digest.</summary>
    public static async Task<string> PushCosignSignatureAsync(RegistryClient client, string registry, string repository, string subject)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new
        {
            critical = new
            {
                identity = new { docker_reference = $"{registry}/{repository}" },
                image = new { docker_manifest_digest = subject },
                type = "cosign container image signature",
            },
            optional = new { nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) },
        });
        var config = JsonSerializer.SerializeToUtf8Bytes(new
        {
            architecture = "",
            os = "",
            config = new { },
            rootfs = new { type = "layers", diff_ids = new[] { Digests.Sha256(payload) } },
        });
        await client.UploadBlobAsync(new RepositoryRef(registry, repository), Digests.Sha256(payload), payload);
        await client.UploadBlobAsync(new RepositoryRef(registry, repository), Digests.Sha256(config), config);
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciManifest,
            ["config"] = new { mediaType = MediaTypes.OciConfig, digest = Digests.Sha256(config), size = config.Length },
            ["layers"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["mediaType"] = SimpleSigning,
                    ["digest"] = Digests.Sha256(payload),
                    ["size"] = payload.Length,
                    ["annotations"] = new Dictionary<string, string>
                    {
                        ["dev.cosignproject.cosign/signature"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)),
                    },
                },
            },
        });
        return await client.PutManifestAsync(new RepositoryRef(registry, repository), ReferrerTags.Fallback(subject) + ".sig", MediaTypes.OciManifest, manifest);
    }

    /// <summary>Pushes an SPDX SBOM of <paramref name="subject"/> as an OCI 1.1 artifact (artifactType, the empty config, a
    /// <c>subject</c>), by digest, and the fallback index <c>sha256-&lt;hex&gt;</c> that lists it; returns both digests.</summary>
    public static async Task<(string Artifact, string Index)> PushSbomWithFallbackIndexAsync(
        RegistryClient client, string registry, string repository, Descriptor subject)
    {
        var artifact = await PushSbomAsync(client, registry, repository, subject);
        var index = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = MediaTypes.OciIndex,
            manifests = new[] { new { mediaType = MediaTypes.OciManifest, digest = artifact.Digest, size = artifact.Size, artifactType = Spdx } },
        });
        return (artifact.Digest, await client.PutManifestAsync(new RepositoryRef(registry, repository), ReferrerTags.Fallback(subject.Digest), MediaTypes.OciIndex, index));
    }

    /// <summary>Pushes an SPDX SBOM of <paramref name="subject"/> as an OCI 1.1 artifact, by digest only (what a registry with
    /// the referrers API lists by itself); returns its descriptor.</summary>
    public static async Task<Descriptor> PushSbomAsync(RegistryClient client, string registry, string repository, Descriptor subject)
    {
        var empty = "{}"u8.ToArray();
        var sbom = JsonSerializer.SerializeToUtf8Bytes(new { spdxVersion = "SPDX-2.3", name = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) });
        await client.UploadBlobAsync(new RepositoryRef(registry, repository), Digests.Sha256(empty), empty);
        await client.UploadBlobAsync(new RepositoryRef(registry, repository), Digests.Sha256(sbom), sbom);
        var artifact = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciManifest,
            ["artifactType"] = Spdx,
            ["config"] = new { mediaType = MediaTypes.OciEmpty, digest = Digests.Sha256(empty), size = empty.Length, data = "e30=" },
            ["layers"] = new[] { new { mediaType = Spdx, digest = Digests.Sha256(sbom), size = sbom.Length } },
            ["subject"] = new { mediaType = subject.MediaType, digest = subject.Digest, size = subject.Size },
        });
        var digest = await client.PutManifestAsync(new RepositoryRef(registry, repository), Digests.Sha256(artifact), MediaTypes.OciManifest, artifact);
        return new Descriptor(MediaTypes.OciManifest, digest, artifact.Length) { ArtifactType = Spdx };
    }
}
