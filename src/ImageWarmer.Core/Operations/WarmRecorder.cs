using ImageWarmer.Core.Concurrency;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Warming;

namespace ImageWarmer.Core.Operations;

/// <summary>The one place a warm run's items go into the status ledger (<c>warm</c>, the nightly run's own imports, a
/// queue message), each as <see cref="WarmItem.ToLedgerRecord"/> says, written <see cref="ConcurrencyLimits.Lookups"/>
/// at once.</summary>
public sealed class WarmRecorder(IStatusLedger ledger, ConcurrencyLimits limits)
{
    /// <summary>Records every item for <paramref name="requestedBy"/>; <paramref name="annotate"/> adds what only the caller
    /// knows (a queue request's note, that it was given up).</summary>
    public Task RecordAsync(
        IReadOnlyList<WarmItem> items, string? requestedBy, Func<WarmItem, LedgerRecord, LedgerRecord>? annotate = null,
        CancellationToken cancellationToken = default) =>
        limits.LookupsAsync(items, async (item, token) =>
        {
            var record = item.ToLedgerRecord(requestedBy);
            await ledger.RecordAsync(annotate is null ? record : annotate(item, record), token);
        }, cancellationToken);
}
