using System.Diagnostics.Metrics;
using ImageWarmer.Core.Operations;
using Microsoft.ApplicationInsights;
using Microsoft.Extensions.Hosting;

namespace ImageWarmer.Functions;

/// <summary>
/// Forwards the <see cref="WarmMetrics.MeterName"/> meter's measurements to Application Insights as pre-aggregated
/// custom metrics (<c>customMetrics</c>, one dimension per tag), which the SDK 2.x does not collect from
/// <c>System.Diagnostics.Metrics</c> by itself. The alert rules in <c>infra/</c> query these.
/// </summary>
public sealed class ApplicationInsightsMetrics(TelemetryClient telemetry) : IHostedService, IDisposable
{
    private readonly MeterListener _listener = new();

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == WarmMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Track(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Track(instrument, value, tags));
        _listener.Start();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        telemetry.Flush();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void Dispose() => _listener.Dispose();

    private void Track(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // Our instruments carry at most one tag (status, result or host).
        if (tags.Length == 0)
        {
            telemetry.GetMetric(instrument.Name).TrackValue(value);
            return;
        }
        telemetry.GetMetric(instrument.Name, tags[0].Key).TrackValue(value, tags[0].Value?.ToString());
    }
}
