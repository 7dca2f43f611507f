using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Mirroring;

/// <summary>
/// One source registry and the registry that answers as its mirror: where the source itself is reached
/// (<paramref name="Upstream"/>, moved by an endpoint or not), the mirror's API root (<paramref name="Mirror"/>, scheme and
/// authority) and the repository prefix the warmed images live under there (<paramref name="Prefix"/>, null for none), which
/// is ImageWarmer's naming rule read backwards: <c>docker.io/library/debian</c> was warmed to <c>&lt;prefix&gt;/library/debian</c>.
/// </summary>
public sealed record MirrorRoute(string Source, Uri Upstream, Uri Mirror, string? Prefix)
{
    /// <summary>Whether an endpoint sends the source somewhere other than its own name (Docker Hub's API host counts as its own).</summary>
    public bool UpstreamMoved => !Upstream.Authority.Equals(Source == ImageReference.DockerHub ? DockerHubApiHost : Source, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the source is reached over plain HTTP.</summary>
    public bool UpstreamPlainHttp => Upstream.Scheme == Uri.UriSchemeHttp;

    /// <summary>Whether the mirror is reached over plain HTTP (ImageWarmer allows it for loopback and <c>--insecure</c> only).</summary>
    public bool MirrorPlainHttp => Mirror.Scheme == Uri.UriSchemeHttp;

    /// <summary>The mirror as clients write a location: <c>host[:port][/path]</c>, no scheme.</summary>
    public string MirrorLocation => Prefix is null ? Mirror.Authority : $"{Mirror.Authority}/{Prefix}";

    /// <summary>Where the source's own API is, the host Docker Hub's clients send <c>docker.io</c> to.</summary>
    public const string DockerHubApiHost = "registry-1.docker.io";
}
