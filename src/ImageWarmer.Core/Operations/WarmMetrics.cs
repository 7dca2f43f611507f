using System.Diagnostics.Metrics;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.Registry.Traffic;
using ImageWarmer.Core.Warming;

namespace ImageWarmer.Core.Operations;

/// <summary>
/// What the use cases count, on the <see cref="MeterName"/> meter (<c>System.Diagnostics.Metrics</c>): images planned
/// by status, import results, bytes copied, upstream pulls and <c>ratelimit-remaining</c> per host, deferrals,
/// nightly runs by result and requests given up to the poison queue. The Functions app forwards them to Application
/// Insights, where the alert rules read them.
/// </summary>
public sealed class WarmMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "ImageWarmer";

    private readonly Counter<long> _planned;
    private readonly Counter<long> _imports;
    private readonly Counter<long> _bytes;
    private readonly Counter<long> _pulls;
    private readonly Gauge<int> _remaining;
    private readonly Counter<long> _deferrals;
    private readonly Counter<long> _nightly;
    private readonly Counter<long> _poisoned;

    /// <summary>Creates the instruments on a meter from <paramref name="meters"/>.</summary>
    public WarmMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _planned = meter.CreateCounter<long>("imagewarmer.images.planned", "{image}", "Images planned, by status");
        _imports = meter.CreateCounter<long>("imagewarmer.imports", "{image}", "Images a warm run looked after, by result");
        _bytes = meter.CreateCounter<long>("imagewarmer.bytes_copied", "By", "Blob bytes copied into the target");
        _pulls = meter.CreateCounter<long>("imagewarmer.upstream.pulls", "{pull}", "Manifest GETs (what Docker Hub counts), by host");
        _remaining = meter.CreateGauge<int>("imagewarmer.upstream.ratelimit_remaining", "{pull}", "Last ratelimit-remaining an upstream reported, by host");
        _deferrals = meter.CreateCounter<long>("imagewarmer.deferrals", "{request}", "Requests deferred until a rate-limit window resets");
        _nightly = meter.CreateCounter<long>("imagewarmer.nightly.runs", "{run}", "Nightly runs, by result (succeeded, failed)");
        _poisoned = meter.CreateCounter<long>("imagewarmer.requests.poisoned", "{request}", "Warm requests given up and sent to the poison queue");
    }

    /// <summary>Counts a plan's items by status, and what it cost upstream.</summary>
    public void Planned(WarmPlan plan)
    {
        foreach (var (status, count) in plan.Counts.Where(c => c.Value > 0))
        {
            _planned.Add(count, new KeyValuePair<string, object?>("status", status.ToText()));
        }
        Upstream(plan.Traffic);
    }

    /// <summary>Counts a warm run's results, bytes and deferrals, and what it cost upstream.</summary>
    public void Warmed(WarmReport report)
    {
        foreach (var item in report.Items)
        {
            _imports.Add(1, new KeyValuePair<string, object?>("result", item.After.ToText()));
            _bytes.Add(item.Bytes);
            if (item.After == WarmStatus.Deferred)
            {
                _deferrals.Add(1);
            }
        }
        Upstream(report.Traffic);
    }

    /// <summary>Counts a nightly run that ended well or not.</summary>
    public void NightlyRun(bool succeeded) => _nightly.Add(1, new KeyValuePair<string, object?>("result", succeeded ? "succeeded" : "failed"));

    /// <summary>Counts a request given up after its last try.</summary>
    public void Poisoned() => _poisoned.Add(1);

    private void Upstream(IReadOnlyDictionary<string, HostTraffic> traffic)
    {
        foreach (var (host, cost) in traffic)
        {
            var tag = new KeyValuePair<string, object?>("host", host);
            _pulls.Add(cost.Pulls, tag);
            if (cost.RateLimitRemaining is { } remaining)
            {
                _remaining.Record(remaining, tag);
            }
        }
    }
}
