namespace ImageWarmer.Core.Discovery;

/// <summary>Which images become ImportSpecs, and what they are called in ACR. Section <c>ImageWarmer:Discovery</c>.</summary>
public sealed class DiscoveryOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "ImageWarmer:Discovery";

    private static readonly string[] DefaultSourceRegistries = ["docker.io"];

    /// <summary>
    /// Registries whose images are warmed (default <c>docker.io</c>). Null means the default: binding a list onto a
    /// pre-filled one would append, not replace.
    /// </summary>
    public IList<string>? AllowedSourceRegistries { get; set; }

    /// <summary>A repository prefix for derived target names (<c>mirror</c> → <c>mirror/library/nginx</c>); explicit names keep theirs.</summary>
    public string? TargetPrefix { get; set; }

    /// <summary>The allowed registries, defaulted and normalised (Docker Hub's aliases mean <c>docker.io</c>).</summary>
    public IReadOnlySet<string> EffectiveSourceRegistries =>
        (AllowedSourceRegistries is { Count: > 0 } configured ? configured : DefaultSourceRegistries)
            .Select(NormaliseRegistry)
            .ToHashSet(StringComparer.Ordinal);

    private static string NormaliseRegistry(string registry) =>
        References.RegistryHost.TryParse(registry.Trim(), out var host, out _) ? host.Name : registry.Trim();
}
