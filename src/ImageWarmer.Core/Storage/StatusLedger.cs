using System.Runtime.CompilerServices;
using Azure;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Storage.Tables;
using Microsoft.Extensions.Options;
using static ImageWarmer.Core.Storage.LedgerColumns;
using static ImageWarmer.Core.Storage.LedgerRows;

namespace ImageWarmer.Core.Storage;

/// <summary>
/// The status ledger in Table storage (<c>warmstatus</c>): one row per target <c>repo:tag</c>, and one per rejected
/// message. A target's row also keeps its provenance: the source, digest and requester of the last import, which only
/// an import rewrites, and when a manifests snapshot last declared it; a backup tag kept before a re-import gets a row
/// of its own. Updates are read-modify-write with the row's ETag, retried on a conflict, so concurrent workers never
/// lose each other's writes (the attempt count in particular).
/// </summary>
public sealed class StatusLedger(StorageClients storage, IOptions<StorageOptions> options, TimeProvider time) : IStatusLedger
{
    private const int MaxConflicts = 64;
    private const int MaxPayloadChars = 1024;

    /// <inheritdoc/>
    public bool IsConfigured => storage.HasTables;

    /// <inheritdoc/>
    public async Task RecordAsync(LedgerRecord record, CancellationToken cancellationToken = default)
    {
        var table = await OpenAsync(cancellationToken);
        var target = record.Target;
        for (var conflict = 0; ; conflict++)
        {
            var existing = await table.GetIfExistsAsync(TargetsPartition, RowKey(target), cancellationToken);
            var row = existing ?? new TableRow(TargetsPartition, RowKey(target));
            var keptFrom = row.GetString(ImportedSource) ?? record.Source;
            LedgerRows.Apply(row, record, time.GetUtcNow());
            try
            {
                if (existing?.ETag is { } etag)
                {
                    await table.UpdateAsync(row, etag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await table.AddAsync(row, cancellationToken);
                }
                if (record.BackupTarget is { } backup)
                {
                    await table.UpsertAsync(LedgerRows.Backup(record, backup, keptFrom, time.GetUtcNow()), TableUpdateMode.Merge, cancellationToken);
                }
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && conflict < MaxConflicts)
            {
                // Another worker wrote the row between our read and our write: read it again, after a short
                // random pause so that a crowd of writers (twenty requests for one image) spreads out.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 20 + (10 * conflict))), time, cancellationToken);
            }
        }
    }

    /// <inheritdoc/>
    public async Task RecordDeclaredAsync(IReadOnlyCollection<KeyValuePair<string, string>> targets, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        if (targets.Count == 0)
        {
            return;
        }
        var table = await OpenAsync(cancellationToken);
        // One partition, so up to 100 rows per transaction: a few requests a night, however many images.
        foreach (var batch in targets.DistinctBy(t => RowKey(t.Key)).Chunk(TableBatch.MaxWrites))
        {
            await table.UpsertAsync([.. batch.Select(t => LedgerRows.Declared(t.Key, t.Value, at))], TableUpdateMode.Merge, cancellationToken);
        }
    }

    /// <inheritdoc/>
    public async Task ForgetAsync(string target, CancellationToken cancellationToken = default)
    {
        var table = await OpenAsync(cancellationToken);
        await table.DeleteAsync(TargetsPartition, RowKey(target), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task RecordRejectedAsync(string messageId, string reason, string payload, long dequeueCount, CancellationToken cancellationToken = default)
    {
        var table = await OpenAsync(cancellationToken);
        var row = LedgerRows.Rejected(
            messageId, reason, payload.Length > MaxPayloadChars ? payload[..MaxPayloadChars] + "…" : payload, dequeueCount, time.GetUtcNow());
        await table.UpsertAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<LedgerEntry?> GetAsync(string target, CancellationToken cancellationToken = default)
    {
        var table = await OpenAsync(cancellationToken);
        var row = await table.GetIfExistsAsync(TargetsPartition, RowKey(target), cancellationToken);
        return row is null ? null : ToEntry(row);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<LedgerEntry> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await OpenAsync(cancellationToken);
        await foreach (var row in table.QueryAsync(TableRestClient.Equal("PartitionKey", TargetsPartition), cancellationToken))
        {
            yield return ToEntry(row);
        }
    }

    /// <inheritdoc/>
    public async Task<string?> RejectionAsync(string messageId, CancellationToken cancellationToken = default)
    {
        var table = await OpenAsync(cancellationToken);
        var row = await table.GetIfExistsAsync(RejectedPartition, RowKey(messageId), cancellationToken);
        return row is null ? null : LedgerRows.ReasonOf(row);
    }

    private async Task<TableRestClient> OpenAsync(CancellationToken cancellationToken)
    {
        var table = storage.Table(options.Value.LedgerTable);
        await storage.EnsureCreatedAsync($"table/{table.Name}", table.CreateIfNotExistsAsync, cancellationToken);
        return table;
    }

}
