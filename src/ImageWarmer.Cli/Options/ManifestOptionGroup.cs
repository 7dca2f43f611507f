using System.CommandLine;
using ImageWarmer.Core.Discovery;

namespace ImageWarmer.Cli.Options;

/// <summary>What every verb that reads manifests takes: <c>--manifests</c> (repeatable: a list of bundles is one run), and
/// how discovery names and filters images (<c>--source-registry</c>, <c>--target-prefix</c>). The verbs a lock file
/// changes also take <see cref="LockOptionGroup"/>.</summary>
internal sealed class ManifestOptionGroup : OptionGroup
{
    public static readonly ManifestOptionGroup Instance = new();

    public Option<string[]> Manifests { get; } = new("--manifests")
    {
        Description = "The manifests: a folder, a .tar.gz snapshot, blob: (the configured snapshot), blob:container/name or blob:container/prefix/ "
            + "(repeatable: several are one run)",
    };

    public Option<string[]> SourceRegistry { get; } = new("--source-registry")
    {
        Description = "A registry whose images are warmed (repeatable; default docker.io)",
    };

    public Option<string?> TargetPrefix { get; } = new("--target-prefix") { Description = "Repository prefix for ACR names derived from the source" };

    public override IEnumerable<Option> Options => [Manifests, SourceRegistry, TargetPrefix];

    /// <summary>Every location named: the verb's <paramref name="paths"/> arguments, if it has them, then <c>--manifests</c>.</summary>
    public IReadOnlyList<string> Locations(ParseResult parseResult, Argument<string[]>? paths = null) =>
        [.. (paths is null ? [] : parseResult.GetValue(paths) ?? []), .. parseResult.GetValue(Manifests) ?? []];

    /// <inheritdoc cref="Locations(ParseResult, Argument{string[]})"/>
    public IReadOnlyList<string> Locations(System.CommandLine.Parsing.CommandResult result, Argument<string[]>? paths = null) =>
        [.. (paths is null ? [] : result.GetValue(paths) ?? []), .. result.GetValue(Manifests) ?? []];

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
