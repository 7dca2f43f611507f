using System.CommandLine;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Cli.Options;

/// <summary>What every verb that talks to a registry takes: <c>--endpoint NAME=URL</c> and <c>--insecure NAME</c>.</summary>
internal sealed class RegistryOptionGroup : OptionGroup
{
    public static readonly RegistryOptionGroup Instance = new();

    public Option<string[]> Endpoint { get; } = new("--endpoint")
    {
        Description = "Reach a registry at another URL: NAME=URL, e.g. docker.io=http://127.0.0.1:5001 (repeatable)",
    };

    public Option<string[]> Insecure { get; } = new("--insecure")
    {
        Description = "A registry that may be reached over plain HTTP (repeatable; loopback always may)",
    };

    private RegistryOptionGroup() =>
        Endpoint.Validators.Add(result =>
        {
            foreach (var value in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (value.IndexOf('=', StringComparison.Ordinal) <= 0)
                {
                    result.AddError($"--endpoint expects NAME=URL (e.g. docker.io=http://127.0.0.1:5001), not '{value}'");
                }
            }
        });

    public override IEnumerable<Option> Options => [Endpoint, Insecure];

    public override IEnumerable<KeyValuePair<string, string?>> ToSettings(ParseResult parseResult)
    {
        // Appended after any configured ones (index 100+), so a command-line endpoint wins over configuration.
        var index = 100;
        foreach (var endpoint in parseResult.GetValue(Endpoint) ?? [])
        {
            var equals = endpoint.IndexOf('=', StringComparison.Ordinal);
            yield return new($"{RegistryOptions.SectionName}:Endpoints:{index}:Registry", endpoint[..equals]);
            yield return new($"{RegistryOptions.SectionName}:Endpoints:{index++}:Url", endpoint[(equals + 1)..]);
        }
        index = 100;
        foreach (var insecure in parseResult.GetValue(Insecure) ?? [])
        {
            yield return new($"{RegistryOptions.SectionName}:Insecure:{index++}", insecure);
        }
    }
}
