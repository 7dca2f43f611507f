using ImageWarmer.Core.Registry.Traffic;

namespace ImageWarmer.Core.Planning;

/// <summary>A plan: one item per ImportSpec, and what asking cost each registry (by registry name).</summary>
public sealed record WarmPlan(IReadOnlyList<PlanItem> Items, IReadOnlyDictionary<string, HostTraffic> Traffic)
{
    /// <summary>How many items have each status (every status listed, zeros included).</summary>
    public IReadOnlyDictionary<PlanStatus, int> Counts =>
        Enum.GetValues<PlanStatus>().ToDictionary(s => s, s => Items.Count(i => i.Status == s));

    /// <summary>Whether every image is present.</summary>
    public bool AllPresent => Items.All(i => i.Status == PlanStatus.Present);
}
