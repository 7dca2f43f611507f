namespace ImageWarmer.Core.Storage;

/// <summary>
/// The status ledger's schema: its partitions and the name of every column, in one place. These names are what rows
/// already in Azure carry: renaming one orphans every row written before (a test reads rows written with these exact
/// names).
/// </summary>
internal static class LedgerColumns
{
    public const string TargetsPartition = "target";
    public const string RejectedPartition = "rejected";

    // A target's row: the last attempt.
    public const string Target = "Target";
    public const string Source = "Source";
    public const string LastChecked = "LastChecked";
    public const string SourceDigest = "SourceDigest";
    public const string TargetDigest = "TargetDigest";
    public const string LastResult = "LastResult";
    public const string Error = "Error";
    public const string Attempts = "Attempts";
    public const string RequestedBy = "RequestedBy";
    public const string Origins = "Origins";
    public const string Note = "Note";

    // A target's provenance: only an import rewrites it.
    public const string ImportedSource = "ImportedSource";
    public const string ImportedDigest = "ImportedDigest";
    public const string ImportedBy = "ImportedBy";
    public const string ImportedAt = "ImportedAt";

    // Declarations and backups.
    public const string LastDeclared = "LastDeclared";
    public const string BackupOf = "BackupOf";
    public const string LastBackup = "LastBackup";

    // A rejected message's row.
    public const string Reason = "Reason";
    public const string Payload = "Payload";
    public const string DequeueCount = "DequeueCount";
    public const string RejectedAt = "RejectedAt";
}
