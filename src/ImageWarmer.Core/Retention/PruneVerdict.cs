namespace ImageWarmer.Core.Retention;

/// <summary>Whether a ledger row's tag may go, and why (or why not).</summary>
/// <param name="Prune">The tag is ImageWarmer's and nothing declared it within the window.</param>
/// <param name="Reason">In words, for the report.</param>
/// <param name="LastSeen">When it was last declared, or else imported: what the window is measured from.</param>
public sealed record PruneVerdict(bool Prune, string Reason, DateTimeOffset? LastSeen);
