using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Storage.Tables;
using static ImageWarmer.Core.Storage.LedgerColumns;

namespace ImageWarmer.Core.Storage;

/// <summary>
/// The ledger's rows mapped to and from <see cref="TableRow"/> by hand, column by column: no reflection over a row
/// type, so Native AOT compiles it.
/// </summary>
internal static class LedgerRows
{
    /// <summary>A target row's key (row keys may not hold '/', '\', '#', '?' or control characters; repository paths have slashes).</summary>
    public static string RowKey(string key) =>
        new([.. key.Select(c => c is '/' ? '|' : c is '\\' or '#' or '?' || char.IsControl(c) ? '_' : c)]);

    /// <summary>Writes one attempt into <paramref name="row"/> (new or read for update), counting it; provenance only
    /// when it imported.</summary>
    public static void Apply(TableRow row, LedgerRecord record, DateTimeOffset now)
    {
        row[Target] = record.Target;
        row[Source] = record.Source;
        row[LastChecked] = now;
        row[SourceDigest] = record.SourceDigest;
        row[TargetDigest] = record.TargetDigest;
        row[LastResult] = record.Result.ToText();
        row[Error] = record.Error;
        row[Attempts] = (row.GetInt32(Attempts) ?? 0) + 1;
        row[RequestedBy] = record.RequestedBy ?? row.GetString(RequestedBy);
        row[Origins] = record.Origins;
        row[Note] = record.Note;
        if (record.ImportedDigest is not null)
        {
            // Provenance: only an import rewrites it, so a later look (present, failed) never loses where the tag came from.
            row[ImportedSource] = record.Source;
            row[ImportedDigest] = record.ImportedDigest;
            row[ImportedBy] = record.RequestedBy;
            row[ImportedAt] = now;
        }
        if (record.BackupTarget is not null)
        {
            row[LastBackup] = record.BackupTarget;
        }
    }

    /// <summary>The backup tag's own row: ImageWarmer made it (its provenance), so prune may remove it once it is old enough.</summary>
    public static TableRow Backup(string partition, LedgerRecord record, string backup, string keptFrom, DateTimeOffset now) => new(partition, RowKey(backup))
    {
        [Target] = backup,
        [Source] = keptFrom,
        [LastChecked] = now,
        [TargetDigest] = record.BackupDigest,
        [LastResult] = LedgerResult.Kept.ToText(),
        [BackupOf] = record.Target,
        [ImportedSource] = keptFrom,
        [ImportedDigest] = record.BackupDigest,
        [ImportedBy] = record.RequestedBy,
        [ImportedAt] = now,
    };

    /// <summary>What a declaration writes: the target, its source and when, merged into the row without reading it.</summary>
    public static TableRow Declared(string partition, string target, string source, DateTimeOffset at) =>
        new(partition, RowKey(target)) { [Target] = target, [Source] = source, [LastDeclared] = at };

    /// <summary>A rejected message's row.</summary>
    public static TableRow Rejected(string messageId, string reason, string payload, long dequeueCount, DateTimeOffset at) =>
        new(RejectedPartition, RowKey(messageId)) { [Reason] = reason, [Payload] = payload, [DequeueCount] = dequeueCount, [RejectedAt] = at };

    /// <summary>A declaration run's row: when it ran and with how many problems; a clean run also moves <c>LastClean</c>.</summary>
    public static TableRow DeclarationRun(string registry, DateTimeOffset at, int problems)
    {
        var row = new TableRow(DeclarationsPartition, RowKey(registry)) { [RegistryColumn] = registry, [LastRun] = at, [LastProblems] = problems };
        if (problems == 0)
        {
            row[LastClean] = at;
        }
        return row;
    }

    /// <summary>A declaration run's row as prune reads it (null: no run recorded).</summary>
    public static DeclarationRun? ToDeclarationRun(string registry, TableRow row) =>
        row.GetDateTimeOffset(LastRun) is { } lastRun ? new DeclarationRun(registry, lastRun, row.GetInt32(LastProblems) ?? 0, row.GetDateTimeOffset(LastClean)) : null;

    /// <summary>The reason a rejected message's row records.</summary>
    public static string? ReasonOf(TableRow row) => row.GetString(Reason);

    /// <summary>A target's row as the use cases read it (a result word this version does not know reads as null).</summary>
    public static LedgerEntry ToEntry(TableRow row) => new(
        row.GetString(Target) ?? row.RowKey, row.GetString(Source), row.GetDateTimeOffset(LastChecked), row.GetString(SourceDigest),
        row.GetString(TargetDigest), StatusWords.TryParse<LedgerResult>(row.GetString(LastResult), out var result) ? result : null, row.GetString(Error),
        row.GetInt32(Attempts) ?? 0, row.GetString(RequestedBy), row.GetString(Origins))
    {
        ImportedSource = row.GetString(ImportedSource),
        ImportedDigest = row.GetString(ImportedDigest),
        ImportedBy = row.GetString(ImportedBy),
        ImportedAt = row.GetDateTimeOffset(ImportedAt),
        Note = row.GetString(Note),
        LastDeclared = row.GetDateTimeOffset(LastDeclared),
        BackupOf = row.GetString(BackupOf),
        LastBackup = row.GetString(LastBackup),
    };
}
