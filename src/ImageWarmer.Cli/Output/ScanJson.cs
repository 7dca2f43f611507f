using System.Text.Json;
using System.Text.Json.Serialization;
using ImageWarmer.Core.Discovery;

namespace ImageWarmer.Cli.Output;

/// <summary>The <c>scan --json</c> contract (docs/contracts/scan.schema.json).</summary>
internal sealed record ScanJson(IReadOnlyList<ScanJson.Image> Images, IReadOnlyList<ScanJson.Skip> Skipped, IReadOnlyList<ScanJson.Problem> Problems)
{
    public static ScanJson From(ScanResult result) => new(
        [.. result.Images.Select(i => new Image(
            i.Source.FullyQualified,
            i.Target.ToString(),
            Origins(i.Origins)))],
        [.. result.Skipped.Select(s => new Skip(s.Reference, s.Reason, s.Path, s.Line))],
        [.. result.Problems.Select(p => new Problem(p.Path, p.Line, p.Message))]);

    public string Serialize() => JsonSerializer.Serialize(this, CliJsonContext.Default.ScanJson);

    /// <summary>Where an image is declared, as every verb prints it.</summary>
    public static IReadOnlyList<Origin> Origins(IEnumerable<ImageOrigin> origins) =>
        [.. origins.Select(o => new Origin(o.Path, o.Line, o.Kind.ToString().ToLowerInvariant()))];

    internal sealed record Image(string Source, string Target, IReadOnlyList<Origin> Origins);

    internal sealed record Origin(string Path, int Line, string Kind);

    internal sealed record Skip(string Reference, string Reason, string Path, int Line);

    internal sealed record Problem(string Path, int? Line, string Message);
}
