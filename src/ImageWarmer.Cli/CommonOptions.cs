using System.CommandLine;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Cli;

/// <summary>Options several verbs share, and how each becomes a configuration setting (so that a command-line option,
/// an environment variable and appsettings.json all land in the same place).</summary>
internal static class CommonOptions
{
    public static readonly Option<FileInfo?> Config = new("--config")
    {
        Description = "A JSON settings file (same keys as appsettings.json)",
        Recursive = true,
    };

    public static readonly Option<string[]> Endpoint = new("--endpoint")
    {
        Description = "Reach a registry at another URL: NAME=URL, e.g. docker.io=http://127.0.0.1:5001 (repeatable)",
        Recursive = true,
    };

    public static readonly Option<string[]> Insecure = new("--insecure")
    {
        Description = "A registry that may be reached over plain HTTP (repeatable; loopback always may)",
        Recursive = true,
    };

    public static readonly Option<string[]> SourceRegistry = new("--source-registry")
    {
        Description = "A registry whose images are warmed (repeatable; default docker.io)",
    };

    public static readonly Option<string?> TargetPrefix = new("--target-prefix")
    {
        Description = "Repository prefix for ACR names derived from the source",
    };

    public static readonly Option<bool> Json = new("--json") { Description = "Print the DESIGN.md JSON contract instead of a table" };

    /// <summary>The settings the shared options on <paramref name="parseResult"/> stand for.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> ToSettings(ParseResult parseResult)
    {
        // Appended after any configured ones (index 100+), so a command-line endpoint wins over configuration.
        var index = 100;
        foreach (var endpoint in parseResult.GetValue(Endpoint) ?? [])
        {
            var equals = endpoint.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InvalidOperationException($"--endpoint expects NAME=URL (e.g. docker.io=http://127.0.0.1:5001), not '{endpoint}'");
            }
            yield return new($"{RegistryOptions.SectionName}:Endpoints:{index}:Registry", endpoint[..equals]);
            yield return new($"{RegistryOptions.SectionName}:Endpoints:{index++}:Url", endpoint[(equals + 1)..]);
        }
        index = 100;
        foreach (var insecure in parseResult.GetValue(Insecure) ?? [])
        {
            yield return new($"{RegistryOptions.SectionName}:Insecure:{index++}", insecure);
        }
        index = 0;
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
