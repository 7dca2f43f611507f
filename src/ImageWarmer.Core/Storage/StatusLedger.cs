using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using ImageWarmer.Core.Contracts;
using Microsoft.Extensions.Options;

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
    private const string HomePartition = "target";
    private const string RejectedPartition = "rejected";
    private const string DeclarationsPartition = "declarations";
    private const int MaxConflicts = 64;
    private const int MaxPayloadChars = 1024;
    private const int MaxBatch = 100;

    /// <inheritdoc/>
    public bool IsConfigured => storage.HasTables;

    // This view's partition of target rows: "target" for the configured registry (and every row from before rows were
    // per registry), "target@<host>" for any other.
    private string TargetsPartition { get; init; } = HomePartition;

    /// <inheritdoc/>
    public IStatusLedger For(string registry) =>
        string.Equals(registry, options.Value.LedgerRegistry, StringComparison.OrdinalIgnoreCase)
            ? this
            : new StatusLedger(storage, options, time) { TargetsPartition = $"{HomePartition}@{registry.ToLowerInvariant()}" };

    /// <inheritdoc/>
    public async Task RecordAsync(LedgerRecord record, CancellationToken cancellationToken = default)
    {
        var table = await OpenAsync(cancellationToken);
        var target = record.Target;
        for (var conflict = 0; ; conflict++)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(TargetsPartition, RowKey(target), cancellationToken: cancellationToken);
            var row = existing.HasValue ? existing.Value! : new TableEntity(TargetsPartition, RowKey(target));
            var keptFrom = row.GetString("ImportedSource") ?? record.Source;
            row["Target"] = target;
            row["Source"] = record.Source;
            row["LastChecked"] = time.GetUtcNow();
            row["SourceDigest"] = record.SourceDigest;
            row["TargetDigest"] = record.TargetDigest;
            row["LastResult"] = record.Result;
            row["Error"] = record.Error;
            row["Attempts"] = (row.GetInt32("Attempts") ?? 0) + 1;
            row["RequestedBy"] = record.RequestedBy ?? row.GetString("RequestedBy");
            row["Origins"] = record.Origins;
            row["Note"] = record.Note;
            if (record.ImportedDigest is not null)
            {
                // Provenance: only an import rewrites it, so a later look (present, failed) never loses where the tag came from.
                row["ImportedSource"] = record.Source;
                row["ImportedDigest"] = record.ImportedDigest;
                row["ImportedBy"] = record.RequestedBy;
                row["ImportedAt"] = time.GetUtcNow();
            }
            if (record.BackupTarget is not null)
            {
                row["LastBackup"] = record.BackupTarget;
            }
            try
            {
                if (existing.HasValue)
                {
                    await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await table.AddEntityAsync(row, cancellationToken);
                }
                if (record.BackupTarget is { } backup)
                {
                    await RecordBackupAsync(table, record, backup, keptFrom, cancellationToken);
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

    // The backup tag's own row: ImageWarmer made it (its provenance), so prune may remove it once it is old enough.
    private async Task RecordBackupAsync(TableClient table, LedgerRecord record, string backup, string keptFrom, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await table.UpsertEntityAsync(new TableEntity(TargetsPartition, RowKey(backup))
        {
            ["Target"] = backup,
            ["Source"] = keptFrom,
            ["LastChecked"] = now,
            ["TargetDigest"] = record.BackupDigest,
            ["LastResult"] = "kept",
            ["BackupOf"] = record.Target,
            ["ImportedSource"] = keptFrom,
            ["ImportedDigest"] = record.BackupDigest,
            ["ImportedBy"] = record.RequestedBy,
            ["ImportedAt"] = now,
        }, TableUpdateMode.Merge, cancellationToken);
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
        foreach (var batch in targets.DistinctBy(t => RowKey(t.Key)).Chunk(MaxBatch))
        {
            await table.SubmitTransactionAsync(batch.Select(t => new TableTransactionAction(TableTransactionActionType.UpsertMerge,
                new TableEntity(TargetsPartition, RowKey(t.Key)) { ["Target"] = t.Key, ["Source"] = t.Value, ["LastDeclared"] = at })), cancellationToken);
        }
    }

    /// <inheritdoc/>
    public async Task RecordDeclarationRunAsync(string registry, DateTimeOffset at, int problems, CancellationToken cancellationToken = default)
    {
        var table = await OpenAsync(cancellationToken);
        var row = new TableEntity(DeclarationsPartition, RowKey(registry)) { ["Registry"] = registry, ["LastRun"] = at, ["LastProblems"] = problems };
        if (problems == 0)
        {
            row["LastClean"] = at;
        }
        // Merge: a run with problems leaves the last clean run's time as it was.
        await table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<DeclarationRun?> DeclarationRunAsync(string registry, CancellationToken cancellationToken = default)
    {
        var table = await OpenAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(DeclarationsPartition, RowKey(registry), cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetDateTimeOffset("LastRun") is { } lastRun
            ? new DeclarationRun(registry, lastRun, row.Value.GetInt32("LastProblems") ?? 0, row.Value.GetDateTimeOffset("LastClean"))
            : null;
    }

    /// <inheritdoc/>
    public async Task ForgetAsync(string target, CancellationToken cancellationToken = default)
    {
        var table = await OpenAsync(cancellationToken);
        await table.DeleteEntityAsync(TargetsPartition, RowKey(target), cancellationToken: cancellationToken);
    }

    /// <inheritdoc/>
    public async Task RecordRejectedAsync(string messageId, string reason, string payload, long dequeueCount, CancellationToken cancellationToken = default)
    {
        var table = await OpenAsync(cancellationToken);
        var row = new TableEntity(RejectedPartition, RowKey(messageId))
        {
            ["Reason"] = reason,
            ["Payload"] = payload.Length > MaxPayloadChars ? payload[..MaxPayloadChars] + "…" : payload,
            ["DequeueCount"] = dequeueCount,
            ["RejectedAt"] = time.GetUtcNow(),
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<LedgerEntry?> GetAsync(string target, CancellationToken cancellationToken = default)
    {
        var table = await OpenAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(TargetsPartition, RowKey(target), cancellationToken: cancellationToken);
        return row.HasValue ? ToEntry(row.Value!) : null;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<LedgerEntry> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await OpenAsync(cancellationToken);
        var partition = TargetsPartition;
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            yield return ToEntry(row);
        }
    }

    /// <inheritdoc/>
    public async Task<string?> RejectionAsync(string messageId, CancellationToken cancellationToken = default)
    {
        var table = await OpenAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(RejectedPartition, RowKey(messageId), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetString("Reason") : null;
    }

    private async Task<TableClient> OpenAsync(CancellationToken cancellationToken)
    {
        var table = storage.Tables.GetTableClient(options.Value.LedgerTable);
        await storage.EnsureCreatedAsync($"table/{table.Name}", async token => await table.CreateIfNotExistsAsync(token), cancellationToken);
        return table;
    }

    // Row keys may not hold '/', '\', '#', '?' or control characters; repository paths have slashes.
    private static string RowKey(string key) =>
        new([.. key.Select(c => c is '/' ? '|' : c is '\\' or '#' or '?' || char.IsControl(c) ? '_' : c)]);

    private static LedgerEntry ToEntry(TableEntity row) => new(
        row.GetString("Target") ?? row.RowKey, row.GetString("Source"), row.GetDateTimeOffset("LastChecked"), row.GetString("SourceDigest"),
        row.GetString("TargetDigest"), row.GetString("LastResult"), row.GetString("Error"), row.GetInt32("Attempts") ?? 0,
        row.GetString("RequestedBy"), row.GetString("Origins"))
    {
        ImportedSource = row.GetString("ImportedSource"),
        ImportedDigest = row.GetString("ImportedDigest"),
        ImportedBy = row.GetString("ImportedBy"),
        ImportedAt = row.GetDateTimeOffset("ImportedAt"),
        Note = row.GetString("Note"),
        LastDeclared = row.GetDateTimeOffset("LastDeclared"),
        BackupOf = row.GetString("BackupOf"),
        LastBackup = row.GetString("LastBackup"),
    };
}
