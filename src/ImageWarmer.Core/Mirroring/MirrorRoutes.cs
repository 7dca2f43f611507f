using ImageWarmer.Core.Failures;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Core.Mirroring;

/// <summary>
/// Builds the routes of a mirror configuration from what ImageWarmer already knows: where it reaches each registry
/// (<see cref="RegistryEndpoints"/>: <c>--endpoint</c>, and plain HTTP only for loopback and <c>--insecure</c>) and
/// how it names targets (a source's repository path under the target prefix, whichever registry it came from).
/// </summary>
public sealed class MirrorRoutes(RegistryEndpoints endpoints)
{
    /// <summary>A route from each of <paramref name="sources"/> to <paramref name="registry"/> under <paramref name="prefix"/>;
    /// the registry itself is never its own mirror.</summary>
    /// <exception cref="ConfigurationException">An endpoint has a path, or plain HTTP is not allowed to a registry.</exception>
    public IReadOnlyList<MirrorRoute> For(string registry, string? prefix, IEnumerable<string> sources)
    {
        var mirror = ApiRoot(registry);
        var path = string.IsNullOrEmpty(prefix?.Trim('/')) ? null : prefix.Trim('/');
        return [.. sources.Where(s => s != registry).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(source => new MirrorRoute(source, ApiRoot(source), mirror, path))];
    }

    private Uri ApiRoot(string registry)
    {
        var uri = endpoints.BaseUri(registry);
        // Clients take a mirror as host[:port][/namespace]; an API root under a path is something else in each of them.
        return uri.AbsolutePath is "/" or ""
            ? new Uri(uri.GetLeftPart(UriPartial.Authority))
            : throw new ConfigurationException($"the endpoint of {registry} ({uri}) has a path; a mirror configuration can only name a host");
    }

    /// <summary>Docker Hub, which every configuration mirrors whatever the manifests declare.</summary>
    public const string AlwaysMirrored = ImageReference.DockerHub;
}
