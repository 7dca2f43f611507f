using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace ImageWarmer.Core.Registry;

/// <summary>The manifest and blob media types ImageWarmer speaks. See
/// https://github.com/opencontainers/image-spec/blob/main/media-types.md and Docker's image manifest v2 schema 2.</summary>
public static partial class MediaTypes
{
    /// <summary>An OCI image manifest.</summary>
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>An OCI image index (multi-platform).</summary>
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary>A Docker v2 schema 2 manifest.</summary>
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>A Docker manifest list (multi-platform).</summary>
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>An OCI image config.</summary>
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";

    /// <summary>A gzip-compressed OCI layer.</summary>
    public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";

    /// <summary>The empty descriptor's type (<c>{}</c>): the config of an artifact that has none (OCI 1.1).</summary>
    public const string OciEmpty = "application/vnd.oci.empty.v1+json";

    /// <summary>The OCI artifact manifest of image-spec 1.1's release candidates (its blobs are under <c>blobs</c>); some
    /// registries still hold signatures in it.</summary>
    public const string OciArtifactManifest = "application/vnd.oci.artifact.manifest.v1+json";

    /// <summary>The Accept list for manifest requests: every manifest and index type above, so the registry
    /// answers with what it stores instead of converting (conversion would change the digest).</summary>
    public const string ManifestAccept = OciIndex + ", " + OciManifest + ", " + DockerManifestList + ", " + DockerManifest + ", " + OciArtifactManifest;

    /// <summary>Whether <paramref name="mediaType"/> is one as RFC 6838 names them (<c>type/subtype</c>, 127 restricted
    /// characters each, no parameters): a media type from a registry goes into a <c>Content-Type</c> header and into
    /// messages, so anything else (a newline, a quote) is refused before it is used.</summary>
    public static bool IsWellFormed([NotNullWhen(true)] string? mediaType) => mediaType is not null && WellFormed().IsMatch(mediaType);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\z", RegexOptions.CultureInvariant)]
    private static partial Regex WellFormed();

    /// <summary>Whether <paramref name="mediaType"/> is an index of per-platform manifests.</summary>
    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;
}
