using ImageWarmer.Core.Contracts;

namespace ImageWarmer.Core.Retention;

/// <summary>
/// Which tags <c>prune</c> may remove, from the ledger alone: only a tag ImageWarmer created (the row has its
/// provenance, <see cref="LedgerEntry.ImportedSource"/>), that no manifest has declared, and that was not imported,
/// within the window; never anything declared today. A backup tag is measured from when it was kept.
/// </summary>
public static class PruneRules
{
    /// <summary>The verdict on <paramref name="row"/> at <paramref name="now"/> for a window of <paramref name="window"/>.</summary>
    public static PruneVerdict Judge(LedgerEntry row, DateTimeOffset now, TimeSpan window)
    {
        if (row.ImportedSource is null || row.ImportedDigest is null)
        {
            return new PruneVerdict(false, "not created by ImageWarmer", row.LastDeclared);
        }
        var lastSeen = Latest(row.LastDeclared, row.ImportedAt);
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        if (row.LastDeclared >= today)
        {
            return new PruneVerdict(false, "declared today", lastSeen);
        }
        if (lastSeen is null || lastSeen > now - window)
        {
            var what = row.BackupOf is not null ? $"backup of {row.BackupOf} " : "";
            var since = row.LastDeclared is not null ? "declared" : row.BackupOf is not null ? "kept" : "imported";
            return new PruneVerdict(false, $"{what}{since} {Age(now - (lastSeen ?? now))} ago, within the window", lastSeen);
        }
        var why = row.BackupOf is not null ? $"backup of {row.BackupOf} kept" : row.LastDeclared is null ? "never declared, imported" : "last declared";
        return new PruneVerdict(true, $"{why} {Age(now - lastSeen.Value)} ago", lastSeen);
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static string Age(TimeSpan age) => age.TotalDays >= 1 ? $"{(int)age.TotalDays}d" : age.TotalHours >= 1 ? $"{(int)age.TotalHours}h" : $"{(int)age.TotalMinutes}m";
}
