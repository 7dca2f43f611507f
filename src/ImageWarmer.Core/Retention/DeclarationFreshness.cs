using ImageWarmer.Core.Contracts;

namespace ImageWarmer.Core.Retention;

/// <summary>
/// Whether the ledger's declarations are fresh enough for <c>prune</c> to delete on their strength. A row's
/// <see cref="LedgerEntry.LastDeclared"/> is only as recent as the last complete declaration run: when the nightly run
/// has not run for weeks (a broken schedule, a stopped app), every image the manifests still declare looks undeclared.
/// So prune deletes only when a complete run whose manifests had no problem recorded its declarations for this registry
/// within <see cref="RetentionOptions.FreshFor"/>; otherwise it deletes nothing and says why.
/// </summary>
public static class DeclarationFreshness
{
    /// <summary>Why prune must not trust the ledger for <paramref name="registry"/> at <paramref name="now"/>, or null when it may.</summary>
    public static string? Refusal(DeclarationRun? run, string registry, DateTimeOffset now, TimeSpan freshFor)
    {
        const string Remedy = "let the nightly run record the declarations again, or have prune read the current manifests itself";
        if (run?.LastClean is not { } clean)
        {
            var problems = run is null ? "" : $" (the last one, {Ago(now - run.LastRun)}, had {run.LastProblems} problems)";
            return $"prune deletes nothing: the ledger shows no complete declaration run without problems for {registry}{problems}; {Remedy}";
        }
        if (now - clean > freshFor)
        {
            return $"prune deletes nothing: the last complete declaration run without problems for {registry} was {Ago(now - clean)}, "
                + $"longer than {freshFor.TotalDays:0.###} days (ImageWarmer:Retention:FreshFor); {Remedy}";
        }
        return null;
    }

    private static string Ago(TimeSpan age) => age.TotalDays >= 1 ? $"{(int)age.TotalDays}d ago" : $"{(int)age.TotalHours}h ago";
}
