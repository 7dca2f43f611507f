namespace ImageWarmer.Core.Registry.Auth;

/// <summary>The token scope a registry request needs, read from its path: <c>repository:&lt;name&gt;:pull</c> for reads,
/// <c>repository:&lt;name&gt;:pull,push</c> for writes. See https://distribution.github.io/distribution/spec/auth/scope/.</summary>
public static class RegistryScope
{
    private static readonly string[] Markers = ["/manifests/", "/blobs/", "/tags/list"];

    /// <summary>The scope of <paramref name="request"/>, or null for requests outside a repository (<c>/v2/</c>).</summary>
    public static string? For(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        if (!path.StartsWith("/v2/", StringComparison.Ordinal))
        {
            return null;
        }
        var end = Markers.Select(m => path.LastIndexOf(m, StringComparison.Ordinal)).Where(i => i > 3).DefaultIfEmpty(-1).Max();
        if (end < 0)
        {
            return null;
        }
        var repository = path[4..end];
        var actions = request.Method == HttpMethod.Get || request.Method == HttpMethod.Head ? "pull" : "pull,push";
        return $"repository:{repository}:{actions}";
    }
}
