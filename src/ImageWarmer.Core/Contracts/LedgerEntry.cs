namespace ImageWarmer.Core.Contracts;

/// <summary>The ledger's row for one target <c>repo:tag</c>: the last time it was looked after, and how that went.</summary>
public sealed record LedgerEntry(
    string Target, string? Source, DateTimeOffset? LastChecked, string? SourceDigest, string? TargetDigest, LedgerResult? LastResult, string? Error,
    int Attempts, string? RequestedBy, string? Origins)
{
    /// <summary>The source reference the tag was last imported from by ImageWarmer (its provenance), or null when
    /// ImageWarmer never imported it.</summary>
    public string? ImportedSource { get; init; }

    /// <summary>The digest that import wrote.</summary>
    public string? ImportedDigest { get; init; }

    /// <summary>Who asked for that import.</summary>
    public string? ImportedBy { get; init; }

    /// <summary>When that import was recorded.</summary>
    public DateTimeOffset? ImportedAt { get; init; }

    /// <summary>The last attempt's note, if it had one.</summary>
    public string? Note { get; init; }

    /// <summary>When a manifests snapshot last declared this target (the nightly run and <c>warm</c> record it), or null
    /// when none has since the ledger started keeping it.</summary>
    public DateTimeOffset? LastDeclared { get; init; }

    /// <summary>For a backup tag: the <c>repo:tag</c> whose old image it keeps.</summary>
    public string? BackupOf { get; init; }

    /// <summary>The backup <c>repo:tag</c> the last re-import of this target kept its old image under.</summary>
    public string? LastBackup { get; init; }
}
