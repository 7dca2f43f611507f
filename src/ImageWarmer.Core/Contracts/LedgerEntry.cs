namespace ImageWarmer.Core.Contracts;

/// <summary>The ledger's row for one target <c>repo:tag</c>: the last time it was looked after, and how that went.</summary>
public sealed record LedgerEntry(
    string Target, string? Source, DateTimeOffset? LastChecked, string? SourceDigest, string? TargetDigest, string? LastResult, string? Error,
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
}
