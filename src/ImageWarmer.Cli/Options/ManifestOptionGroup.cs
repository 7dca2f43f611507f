using System.CommandLine;
using ImageWarmer.Core.Discovery;

namespace ImageWarmer.Cli.Options;

/// <summary>What every verb that reads manifests takes: <c>--manifests</c> and how discovery names and filters images
/// (<c>--source-registry</c>, <c>--target-prefix</c>).</summary>
internal sealed class ManifestOptionGroup : OptionGroup
{
    public static readonly ManifestOptionGroup Instance = new();

    public Option<string?> Manifests { get; } = new("--manifests")
    {
        Description = "The manifests: a folder, a .tar.gz snapshot, blob: (the configured snapshot), blob:container/name or blob:container/prefix/",
    };

    public Option<string[]> SourceRegistry { get; } = new("--source-registry")
    {
        Description = "A registry whose images are warmed (repeatable; default docker.io)",
    };

    public Option<string?> TargetPrefix { get; } = new("--target-prefix") { Description = "Repository prefix for ACR names derived from the source" };

    public override IEnumerable<Option> Options => [Manifests, SourceRegistry, TargetPrefix];

    public override IEnumerable<KeyValuePair<string, string?>> ToSettings(ParseResult parseResult)
    {
        var index = 0;
        foreach (var registry in parseResult.GetValue(SourceRegistry) ?? [])
        {
            yield return new($"{DiscoveryOptions.SectionName}:AllowedSourceRegistries:{index++}", registry);
        }
        if (parseResult.GetValue(TargetPrefix) is { } prefix)
        {
            yield return new($"{DiscoveryOptions.SectionName}:TargetPrefix", prefix);
        }
    }
}
