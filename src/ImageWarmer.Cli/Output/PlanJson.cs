using System.Text.Json;
using System.Text.Json.Serialization;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Planning;

namespace ImageWarmer.Cli.Output;

/// <summary>The <c>plan --json</c> contract (docs/contracts/plan.schema.json), with the scan's problems beside it.</summary>
internal sealed record PlanJson(
    IReadOnlyList<PlanJson.PlanItemJson> Items,
    IReadOnlyDictionary<string, int> Summary,
    IReadOnlyDictionary<string, PlanJson.HostJson> Upstream,
    IReadOnlyList<ScanJson.Problem> Problems)
{
    public static PlanJson From(WarmPlan plan, IReadOnlyList<ScanProblem> problems) => new(
        [.. plan.Items.Select(i => new PlanItemJson(i.Spec.Source.FullyQualified, i.Spec.Target.ToString(), i.Status.ToText(), i.SourceDigest, i.TargetDigest, i.Error, i.Referrers)
        {
            Origins = i.Status == PlanStatus.Drifted ? ScanJson.Origins(i.Spec.Origins) : null,
            Pin = i.Pin,
        })],
        new Dictionary<string, int> { ["images"] = plan.Items.Count }
            .Concat(plan.Counts.Select(c => KeyValuePair.Create(JsonNamingPolicy.CamelCase.ConvertName(c.Key.ToString()), c.Value)))
            .ToDictionary(),
        plan.Traffic.ToDictionary(t => t.Key, t => new HostJson(t.Value.Requests, t.Value.Pulls, t.Value.RateLimitRemaining)),
        [.. problems.Select(p => new ScanJson.Problem(p.Path, p.Line, p.Message))]);

    public string Serialize() => JsonSerializer.Serialize(this, CliJsonContext.Default.PlanJson);

    internal sealed record PlanItemJson(string Source, string Target, string Status, string? SourceDigest, string? TargetDigest, string? Error, int? Referrers)
    {
        /// <summary>For a drifted image: where the manifests declare it (what <c>pin</c> would rewrite).</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<ScanJson.Origin>? Origins { get; init; }

        /// <summary>For a drifted image: the source pinned to the digest the target holds.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Pin { get; init; }
    }

    internal sealed record HostJson(long Requests, long Pulls, int? RateLimitRemaining);
}
