namespace ImageWarmer.Core.Operations.Nightly;

/// <summary>The run report the nightly job writes to <c>warm-reports/&lt;date&gt;/&lt;run&gt;.json</c>: every image's plan,
/// the targets enqueued, and the images the run warmed itself (their status is the warm status).</summary>
public sealed record NightlyReport(
    string RunId,
    DateTimeOffset StartedAt,
    string Snapshot,
    string TargetRegistry,
    IReadOnlyList<NightlyReport.Item> Items,
    IReadOnlyList<string> Enqueued,
    IReadOnlyList<NightlyReport.Item> Warmed,
    IReadOnlyList<string> Problems,
    IReadOnlyDictionary<string, NightlyReport.Host> Upstream)
{
    /// <summary>Referrer manifests and tags the run copied for images the target had (<c>ImageWarmer:Warming:RefreshReferrers</c>).</summary>
    public int ReferrersCopied { get; init; }

    /// <summary>The tags the run pruned (<c>ImageWarmer:Retention:After</c>), or null when it pruned nothing.</summary>
    public IReadOnlyList<string>? Pruned { get; init; }

    /// <summary>Why retention is on but the run pruned nothing (the manifests had problems), or null.</summary>
    public string? PruneSkipped { get; init; }

    /// <summary>One image's plan (and, for what the run warmed itself, the warm status); <paramref name="Referrers"/> is how
    /// many artifacts refer to it in the target, or null when referrers are not copied or not counted.</summary>
    public sealed record Item(string Source, string Target, string Status, string? SourceDigest, string? TargetDigest, string? Error, int? Referrers = null);

    /// <summary>What the plan cost one registry.</summary>
    public sealed record Host(long Requests, long Pulls, int? RateLimitRemaining);
}
