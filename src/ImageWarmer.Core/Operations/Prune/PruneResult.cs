using ImageWarmer.Core.Retention;

namespace ImageWarmer.Core.Operations.Prune;

/// <summary>A prune of <paramref name="TargetRegistry"/>: every ledger row's tag and what was done with it.</summary>
public sealed record PruneResult(string TargetRegistry, bool Applied, TimeSpan OlderThan, IReadOnlyList<PruneItem> Items)
{
    /// <summary>Why nothing was looked at or deleted (the declarations were not fresh), or null.</summary>
    public string? Refusal { get; init; }

    /// <summary>How many items ended in each action (every action listed, zeros included).</summary>
    public IReadOnlyDictionary<PruneAction, int> Counts =>
        Enum.GetValues<PruneAction>().ToDictionary(a => a, a => Items.Count(i => i.Action == a));
}
