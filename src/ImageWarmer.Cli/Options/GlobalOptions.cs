using System.CommandLine;

namespace ImageWarmer.Cli.Options;

/// <summary>What every verb takes: <c>--config</c>, <c>--json</c> and <c>--verbose</c> (recursive on the root command).</summary>
internal sealed class GlobalOptions : OptionGroup
{
    public static readonly GlobalOptions Instance = new();

    public Option<FileInfo?> Config { get; } = new("--config")
    {
        Description = "A JSON settings file (same keys as appsettings.json)",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON for machines (docs/contracts) instead of a table", Recursive = true };

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "On an error, print the stack trace too", Recursive = true };

    public override IEnumerable<Option> Options => [Config, Json, Verbose];
}
