namespace ImageWarmer.Core.Contracts;

/// <summary>The ledger's row for one target <c>repo:tag</c>: the last time it was looked after, and how that went.</summary>
public sealed record LedgerEntry(
    string Target, string? Source, DateTimeOffset? LastChecked, string? SourceDigest, string? TargetDigest, string? LastResult, string? Error,
    int Attempts, string? RequestedBy, string? Origins);
