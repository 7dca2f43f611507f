using System.Text.Json;
using System.Text.Json.Serialization;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.Warming;

namespace ImageWarmer.Cli.Output;

/// <summary>The <c>warm --json</c> contract (docs/contracts/warm.schema.json: the plan's shape; <c>status</c> is where each image stands
/// after the run, <c>before</c> where it stood before), with the scan's problems beside it.</summary>
internal sealed record WarmJson(
    IReadOnlyList<WarmJson.WarmItemJson> Items,
    IReadOnlyDictionary<string, long> Summary,
    IReadOnlyDictionary<string, PlanJson.HostJson> Upstream,
    IReadOnlyList<ScanJson.Problem> Problems)
{
    public static WarmJson From(WarmReport report, IReadOnlyList<ScanProblem> problems) => new(
        [.. report.Items.Select(i => new WarmItemJson(i.Spec.Source.FullyQualified, i.Spec.Target.ToString(), i.After.ToText(), i.Before.ToText(),
            i.SourceDigest, i.TargetDigest, i.Bytes, (long)i.Duration.TotalMilliseconds, i.Error ?? i.ReferrersError, i.Referrers, i.ReferrersCopied)
        {
            Backup = i.Backup?.Tag,
            Origins = i.After == WarmStatus.Drifted ? ScanJson.Origins(i.Spec.Origins) : null,
            Pin = i.Pin,
        })],
        new Dictionary<string, long>
        {
            ["images"] = report.Items.Count,
            ["bytes"] = report.Items.Sum(i => i.Bytes),
        }.Concat(report.Counts.Select(c => KeyValuePair.Create(JsonNamingPolicy.CamelCase.ConvertName(c.Key.ToString()), (long)c.Value))).ToDictionary(),
        report.Traffic.ToDictionary(t => t.Key, t => new PlanJson.HostJson(t.Value.Requests, t.Value.Pulls, t.Value.RateLimitRemaining)),
        [.. problems.Select(p => new ScanJson.Problem(p.Path, p.Line, p.Message))]);

    public string Serialize() => JsonSerializer.Serialize(this, CliJsonContext.Default.WarmJson);

    internal sealed record WarmItemJson(
        string Source, string Target, string Status, string Before, string? SourceDigest, string? TargetDigest, long Bytes, long DurationMs, string? Error,
        int? Referrers, int ReferrersCopied)
    {
        /// <summary>The tag the image the target tag pointed at was kept under before this run moved it.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Backup { get; init; }

        /// <summary>For a drifted image: where the manifests declare it.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<ScanJson.Origin>? Origins { get; init; }

        /// <summary>For a drifted image: the source pinned to the digest the target holds.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Pin { get; init; }
    }
}
