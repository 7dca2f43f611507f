using System.CommandLine;

namespace ImageWarmer.Cli.Options;

/// <summary>Settings a single verb adds of its own (e.g. <c>plan --concurrency</c>), carried like a group's.</summary>
internal sealed class SettingsGroup(IReadOnlyDictionary<string, string?> settings) : OptionGroup
{
    public override IEnumerable<Option> Options => [];

    public override IEnumerable<KeyValuePair<string, string?>> ToSettings(ParseResult parseResult) => settings;
}
