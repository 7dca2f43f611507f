using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ImageWarmer.Functions.Conformance.Tests;

/// <summary>Records what one host's meters (those its <see cref="IMeterFactory"/> made) measure: sums per
/// instrument and tag value, so tests running side by side do not see each other's numbers.</summary>
internal sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _sums = new(StringComparer.Ordinal);

    public MeterRecorder(IMeterFactory scope)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, scope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _sums.AddOrUpdate(Key(instrument.Name, tags.Length == 0 ? null : tags[0].Value?.ToString()), value, (_, sum) => sum + value));
        _listener.Start();
    }

    /// <summary>The sum of <paramref name="instrument"/> (for one tag value, when given).</summary>
    public long Sum(string instrument, string? tag = null) => _sums.GetValueOrDefault(Key(instrument, tag));

    public void Dispose() => _listener.Dispose();

    private static string Key(string instrument, string? tag) => tag is null ? instrument : $"{instrument}|{tag}";
}
