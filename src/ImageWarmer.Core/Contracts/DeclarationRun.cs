namespace ImageWarmer.Core.Contracts;

/// <summary>The last complete declaration runs for one target registry (a nightly run reads the whole manifests
/// snapshot): when the last one ran and how many problems its manifests had, and when the last one without problems ran.
/// <c>prune</c> trusts the ledger's <see cref="LedgerEntry.LastDeclared"/> only as far as <see cref="LastClean"/> is recent.</summary>
/// <param name="Registry">The target registry the run declared images for.</param>
/// <param name="LastRun">When the last complete run recorded its declarations.</param>
/// <param name="LastProblems">How many problems that run's manifests had.</param>
/// <param name="LastClean">When the last run whose manifests had no problem recorded its declarations, or null when none has.</param>
public sealed record DeclarationRun(string Registry, DateTimeOffset LastRun, int LastProblems, DateTimeOffset? LastClean);
