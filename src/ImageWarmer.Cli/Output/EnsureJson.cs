using System.Text.Json;
using ImageWarmer.Core.Operations;

namespace ImageWarmer.Cli.Output;

/// <summary>The <c>ensure --json</c> contract (docs/contracts/ensure.schema.json): one item per image, and counts.</summary>
internal sealed record EnsureJson(IReadOnlyList<EnsureJson.EnsureItem> Items, IReadOnlyDictionary<string, int> Summary)
{
    public static EnsureJson From(EnsureResult result)
    {
        var status = result.Present ? "present" : "missing";
        return new EnsureJson(
            [new EnsureItem(result.Source, result.Target, status, result.Digest, null, null)],
            new Dictionary<string, int> { ["images"] = 1, [status] = 1 });
    }

    public string Serialize() => JsonSerializer.Serialize(this, CliJsonContext.Default.EnsureJson);

    internal sealed record EnsureItem(string Source, string Target, string Status, string? TargetDigest, string? ExpectedDigest, string? ExpectedFrom);
}
