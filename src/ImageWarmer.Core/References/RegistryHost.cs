using System.Diagnostics.CodeAnalysis;

namespace ImageWarmer.Core.References;

/// <summary>
/// A registry's host, with its port when it has one, as references name it: lower case, and Docker Hub by any of its
/// names is <c>docker.io</c>. The one rule for "is this a registry host", which an image reference's first component
/// and the target registry a run is given both follow: a dot, a port or <c>localhost</c> (or an IPv6 literal), and the
/// host grammar.
/// </summary>
public readonly record struct RegistryHost
{
    private static readonly string[] DockerHubAliases = ["index.docker.io", "registry.hub.docker.com", "registry-1.docker.io"];

    private RegistryHost(string name) => Name = name;

    /// <summary>The host, normalised: <c>myacr.azurecr.io</c>, <c>127.0.0.1:5000</c>, <c>docker.io</c>.</summary>
    public string Name { get; }

    /// <summary>Whether <paramref name="text"/> is written as a host rather than a path component: it has a dot or a port,
    /// or is <c>localhost</c> or an IPv6 literal. (<c>myorg/app</c> is a Docker Hub repository; <c>myorg.io/app</c> is not.)</summary>
    public static bool LooksLikeHost(string text) =>
        text.Contains('.', StringComparison.Ordinal) || text.Contains(':', StringComparison.Ordinal) || text == "localhost" || text.StartsWith('[');

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong with it.</summary>
    public static bool TryParse(string? text, out RegistryHost host, [NotNullWhen(false)] out string? error)
    {
        host = default;
        if (string.IsNullOrEmpty(text) || !LooksLikeHost(text))
        {
            error = $"'{text}' is not written as a registry host (a dot, a port, or localhost)";
            return false;
        }
        if (!ReferenceGrammar.TryCheckCharacters(text, out error) || !ReferenceGrammar.TryCheckHost(text, out error))
        {
            return false;
        }
        var name = text.ToLowerInvariant();
        host = new RegistryHost(DockerHubAliases.Contains(name) ? ImageReference.DockerHub : name);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
