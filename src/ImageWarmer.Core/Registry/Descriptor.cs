using System.Net.Http.Headers;
using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.Registry;

/// <summary>What a registry says about content it holds: media type, digest and size. See
/// https://github.com/opencontainers/image-spec/blob/main/descriptor.md.</summary>
public sealed record Descriptor(string MediaType, string Digest, long Size)
{
    /// <summary>What kind of artifact the manifest is (a signature, an SBOM…), when a referrers list says (OCI 1.1).</summary>
    public string? ArtifactType { get; init; }

    /// <summary>The descriptor of a manifest or blob response, from <c>Docker-Content-Digest</c>,
    /// <c>Content-Type</c> and <c>Content-Length</c>.</summary>
    /// <exception cref="ImageWarmerException">The registry sent no digest, or something that is not one.</exception>
    public static Descriptor FromResponse(HttpResponseMessage response)
    {
        var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
        if (string.IsNullOrEmpty(digest))
        {
            throw new ImageWarmerException(FailureKind.InvalidInput,
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered without a Docker-Content-Digest header");
        }
        if (!Digests.TryCheck(digest, out var error))
        {
            throw new ImageWarmerException(FailureKind.InvalidInput,
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered with a Docker-Content-Digest that is not a digest: {error}");
        }
        var content = response.Content.Headers;
        return new Descriptor(MediaTypeOf(content), digest, content.ContentLength ?? 0);
    }

    private static string MediaTypeOf(HttpContentHeaders headers) => headers.ContentType?.MediaType ?? "application/octet-stream";
}
