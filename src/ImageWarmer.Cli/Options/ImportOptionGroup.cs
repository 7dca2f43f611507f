using System.CommandLine;
using System.Globalization;
using ImageWarmer.Core.Importing;
using ImageWarmer.Core.Importing.Acr;
using ImageWarmer.Core.Warming;

namespace ImageWarmer.Cli.Options;

/// <summary>What every verb that imports takes: <c>--importer</c>, <c>--drift</c> and <c>--concurrency</c> (imports at once).</summary>
internal sealed class ImportOptionGroup : OptionGroup
{
    public static readonly ImportOptionGroup Instance = new();

    public Option<string?> Importer { get; } = new("--importer") { Description = "oci-copy (any registry) or acr-import (ACR's server-side import)" };

    public Option<DriftPolicy?> Drift { get; } = new("--drift") { Description = "Report (default) or Reimport floating tags that moved upstream" };

    public Option<int?> Concurrency { get; } = Positive(new Option<int?>("--concurrency") { Description = "Imports at once (default 4)" });

    private ImportOptionGroup() => Importer.AcceptOnlyFromAmong(OciCopyImporter.ImporterName, AcrImportImporter.ImporterName);

    public override IEnumerable<Option> Options => [Importer, Drift, Concurrency];

    public override IEnumerable<KeyValuePair<string, string?>> ToSettings(ParseResult parseResult)
    {
        if (parseResult.GetValue(Importer) is { } name)
        {
            yield return new($"{WarmingOptions.SectionName}:Importer", name);
        }
        if (parseResult.GetValue(Drift) is { } policy)
        {
            yield return new($"{WarmingOptions.SectionName}:DriftPolicy", policy.ToString());
        }
        if (parseResult.GetValue(Concurrency) is { } limit)
        {
            yield return new($"{WarmingOptions.SectionName}:MaxConcurrentImports", limit.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Refuses 0 and negative counts when the command line is parsed, with the option's name in the message.</summary>
    public static Option<int?> Positive(Option<int?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is <= 0)
            {
                result.AddError($"{option.Name} must be a positive number");
            }
        });
        return option;
    }
}
