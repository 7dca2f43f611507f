using System.Text.Json;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Operations.Ensure;
using ImageWarmer.Core.Planning;

namespace ImageWarmer.Cli.Output;

/// <summary>The <c>ensure --json</c> contract (docs/contracts/ensure.schema.json): one item per image, counts, and the
/// manifests' problems.</summary>
internal sealed record EnsureJson(IReadOnlyList<EnsureJson.EnsureItemJson> Items, IReadOnlyDictionary<string, int> Summary, IReadOnlyList<ScanJson.Problem> Problems)
{
    public static EnsureJson From(EnsureReport report) => new(
        [.. report.Items.Select(i => new EnsureItemJson(
            i.Spec.Source.FullyQualified, i.Spec.Target.ToString(), i.Status.ToText(), i.TargetDigest, i.ExpectedDigest, i.ExpectedFrom, i.Detail))],
        new Dictionary<string, int> { ["images"] = report.Items.Count }
            .Concat(report.Counts.Select(c => KeyValuePair.Create(JsonNamingPolicy.CamelCase.ConvertName(c.Key.ToString()), c.Value)))
            .ToDictionary(),
        [.. report.Problems.Select(p => new ScanJson.Problem(p.Path, p.Line, p.Message))]);

    public string Serialize() => JsonSerializer.Serialize(this, CliJsonContext.Default.EnsureJson);

    internal sealed record EnsureItemJson(
        string Source, string Target, string Status, string? TargetDigest, string? ExpectedDigest, string? ExpectedFrom, string? Detail);
}
