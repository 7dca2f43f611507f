namespace ImageWarmer.Core.Contracts;

/// <summary>
/// The status ledger as the use cases need it: one row per target <c>repo:tag</c> (what was last done to it and how it
/// went), and one per rejected message. Implemented over Table storage in <c>Storage</c>.
/// </summary>
public interface IStatusLedger
{
    /// <summary>Whether the ledger's storage is configured at all (a verb that can run without it, <c>warm</c>, then
    /// records what it did; without it, it records nothing).</summary>
    bool IsConfigured { get; }

    /// <summary>The target rows of <paramref name="registry"/> alone: every row read, written or removed through it is
    /// that registry's, so a verb working on one registry never reads (or prunes by) another's. This ledger itself is the
    /// configured target registry's, where rows written before rows were per registry lie.</summary>
    IStatusLedger For(string registry);

    /// <summary>Records one attempt at a target, counting it; concurrent writers never lose each other's updates.</summary>
    Task RecordAsync(LedgerRecord record, CancellationToken cancellationToken = default);

    /// <summary>Records a message that was not a valid request, with the reason.</summary>
    Task RecordRejectedAsync(string messageId, string reason, string payload, long dequeueCount, CancellationToken cancellationToken = default);

    /// <summary>The row of one target, or null.</summary>
    Task<LedgerEntry?> GetAsync(string target, CancellationToken cancellationToken = default);

    /// <summary>Every target row.</summary>
    IAsyncEnumerable<LedgerEntry> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The reason recorded for a rejected message, or null.</summary>
    Task<string?> RejectionAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>Records that a manifests snapshot declares <paramref name="targets"/> (<c>repo:tag</c> and its source) at
    /// <paramref name="at"/>: their <see cref="LedgerEntry.LastDeclared"/>, written in batches without reading the rows and
    /// without counting an attempt (a row that does not exist yet is created with just that).</summary>
    Task RecordDeclaredAsync(IReadOnlyCollection<KeyValuePair<string, string>> targets, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Records that a complete declaration run (every manifest of the snapshot, read at <paramref name="at"/>) has
    /// recorded its declarations for <paramref name="registry"/>, and how many problems its manifests had.</summary>
    Task RecordDeclarationRunAsync(string registry, DateTimeOffset at, int problems, CancellationToken cancellationToken = default);

    /// <summary>The last complete declaration runs for <paramref name="registry"/>, or null when none was recorded.</summary>
    Task<DeclarationRun?> DeclarationRunAsync(string registry, CancellationToken cancellationToken = default);

    /// <summary>Removes a target's row (its tag was pruned from the registry).</summary>
    Task ForgetAsync(string target, CancellationToken cancellationToken = default);
}
