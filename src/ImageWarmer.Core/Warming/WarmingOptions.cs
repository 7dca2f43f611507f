using ImageWarmer.Core.Importing;

namespace ImageWarmer.Core.Warming;

/// <summary>How a warm run imports. Section <c>ImageWarmer:Warming</c>.</summary>
public sealed class WarmingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "ImageWarmer:Warming";

    /// <summary><c>oci-copy</c> (any registry; local runs) or <c>acr-import</c> (ACR's server-side import: production).</summary>
    public string Importer { get; set; } = OciCopyImporter.ImporterName;

    /// <summary>What to do with a floating tag that moved upstream.</summary>
    public DriftPolicy DriftPolicy { get; set; } = DriftPolicy.Report;

    /// <summary>Repository prefixes queue requests may name (e.g. <c>library/</c>, <c>sonatype/</c>); empty: any repository
    /// of an allowed source registry.</summary>
    public List<string> AllowedRepositories { get; set; } = [];

    /// <summary>Most imports running at once.</summary>
    public int MaxConcurrentImports { get; set; } = 4;
}
