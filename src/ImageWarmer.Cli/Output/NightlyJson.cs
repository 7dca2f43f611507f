using System.Text.Json;
using ImageWarmer.Core.Operations.Nightly;

namespace ImageWarmer.Cli.Output;

/// <summary><c>nightly --json</c>: the run report, as written to Blob storage, and where it was written.</summary>
internal sealed record NightlyJson(NightlyReport Report, string Location)
{
    public static string Serialize(NightlyReport report, string location) =>
        JsonSerializer.Serialize(new NightlyJson(report, location), CliJsonContext.Default.NightlyJson);
}
