namespace ImageWarmer.Core.Retention;

/// <summary>One ledger row's tag in a prune: what was (or would be) done, and why.</summary>
/// <param name="Target">The ACR <c>repository:tag</c>.</param>
/// <param name="Digest">The digest ImageWarmer wrote under it, or null when it never did.</param>
/// <param name="Action">What was done.</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="LastSeen">When it was last declared (or else imported, or kept as a backup).</param>
public sealed record PruneItem(string Target, string? Digest, PruneAction Action, string Reason, DateTimeOffset? LastSeen);
