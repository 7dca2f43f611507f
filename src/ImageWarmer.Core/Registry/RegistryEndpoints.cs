using System.Net;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.References;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Registry;

/// <summary>
/// Where each registry is reached: Docker Hub (<c>docker.io</c>) at <c>https://registry-1.docker.io</c>, any other
/// at <c>https://&lt;name&gt;</c>, unless an override maps it elsewhere. Plain HTTP is allowed only for registries
/// listed as insecure and for loopback addresses.
/// </summary>
public sealed class RegistryEndpoints(IOptions<RegistryOptions> options)
{
    private const string DockerHubApi = "https://registry-1.docker.io";

    private readonly Dictionary<string, Uri> _resolved = Resolve(options.Value);

    /// <summary>The base URL of <paramref name="registry"/> (no trailing slash).</summary>
    /// <exception cref="InsecureRegistryException">The URL is plain HTTP and the registry is not allowed it.</exception>
    public Uri BaseUri(string registry)
    {
        if (_resolved.TryGetValue(registry, out var uri))
        {
            return uri;
        }
        var scheme = IsLoopback(registry) || options.Value.Insecure.Contains(registry, StringComparer.OrdinalIgnoreCase) ? "http" : "https";
        return registry == ImageReference.DockerHub ? new Uri(DockerHubApi) : new Uri($"{scheme}://{registry}");
    }

    /// <summary>The registry name behind a host (<c>127.0.0.1:5001</c> → <c>docker.io</c> when overridden so).</summary>
    public string NameOf(string authority) =>
        _resolved.FirstOrDefault(e => e.Value.Authority.Equals(authority, StringComparison.OrdinalIgnoreCase)).Key
        ?? (authority == new Uri(DockerHubApi).Authority ? ImageReference.DockerHub : authority);

    private static Dictionary<string, Uri> Resolve(RegistryOptions options)
    {
        var resolved = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in options.Endpoints)
        {
            var (name, url) = (endpoint.Registry ?? "", endpoint.Url ?? "");
            if (name.Length == 0)
            {
                throw new ConfigurationException($"endpoint {url} names no registry");
            }
            if (!Uri.TryCreate(url.TrimEnd('/'), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ConfigurationException($"endpoint for {name} must be an http(s) URL, not '{url}'");
            }
            if (uri.Scheme == "http" && !IsLoopback(uri.Authority) && !options.Insecure.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new InsecureRegistryException(
                    $"refusing plain HTTP to {name} ({uri}): list it in ImageWarmer:Registry:Insecure if that is really wanted")
                { Input = UserInput.InsecureRegistry, InputValue = name };
            }
            resolved[name] = uri;
        }
        return resolved;
    }

    /// <summary>Whether <paramref name="authority"/> (<c>host[:port]</c>) is <c>localhost</c> or a loopback address.</summary>
    internal static bool IsLoopback(string authority)
    {
        var host = Uri.TryCreate($"http://{authority}", UriKind.Absolute, out var uri) ? uri.Host : authority;
        return host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
