namespace ImageWarmer.Core.Registry.Traffic;

/// <summary>What a run cost one host: requests sent, how many were pulls (manifest GETs, what Docker Hub counts),
/// and the last <c>ratelimit-remaining</c> it reported (null: it never said).</summary>
public sealed record HostTraffic(long Requests, long Pulls, int? RateLimitRemaining);
