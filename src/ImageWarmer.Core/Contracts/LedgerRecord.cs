namespace ImageWarmer.Core.Contracts;

/// <summary>What one attempt at a target writes to the ledger.</summary>
/// <param name="Target">The target <c>repo:tag</c> (the row's key).</param>
/// <param name="Source">The public image, fully qualified.</param>
/// <param name="SourceDigest">Upstream's digest, when known.</param>
/// <param name="TargetDigest">The digest the target tag points at afterwards, when known.</param>
/// <param name="Result">How it went.</param>
/// <param name="Error">Why, when it did not go well.</param>
/// <param name="RequestedBy">Who asked (kept from earlier rows when null).</param>
/// <param name="Origins">Where the image is declared, as <c>path:line, …</c>.</param>
public sealed record LedgerRecord(
    string Target, string Source, string? SourceDigest, string? TargetDigest, LedgerResult Result, string? Error, string? RequestedBy, string Origins)
{
    /// <summary>For an attempt that imported: the digest it wrote under the tag (the one the plan saw). The row then
    /// keeps this import's source, digest, requester and time as the tag's provenance until the next import.</summary>
    public string? ImportedDigest { get; init; }

    /// <summary>What else this attempt wants said (a queue request's <c>force</c> that was not honoured, and why).</summary>
    public string? Note { get; init; }

    /// <summary>For a re-import that kept the old image first: the backup <c>repo:tag</c>. It gets a row of its own,
    /// with ImageWarmer's provenance (so that <c>prune</c> may remove it once it is old), and this row names it.</summary>
    public string? BackupTarget { get; init; }

    /// <summary>The digest kept under <see cref="BackupTarget"/>.</summary>
    public string? BackupDigest { get; init; }
}
