namespace ImageWarmer.Core.Operations;

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
    /// <summary>One image's plan.</summary>
    public sealed record Item(string Source, string Target, string Status, string? SourceDigest, string? TargetDigest, string? Error);

    /// <summary>What the plan cost one registry.</summary>
    public sealed record Host(long Requests, long Pulls, int? RateLimitRemaining);
}
