using ImageWarmer.Core.Registry.Traffic;

namespace ImageWarmer.Core.Warming;

/// <summary>A warm run: one item per image, and what the run (plan and imports) cost each registry.</summary>
public sealed record WarmReport(IReadOnlyList<WarmItem> Items, IReadOnlyDictionary<string, HostTraffic> Traffic)
{
    /// <summary>How many items ended in each status (every status listed, zeros included).</summary>
    public IReadOnlyDictionary<WarmStatus, int> Counts =>
        Enum.GetValues<WarmStatus>().ToDictionary(s => s, s => Items.Count(i => i.After == s));

    /// <summary>Whether every image is in the target now.</summary>
    public bool AllPresent => Items.All(i => i.After is WarmStatus.Present or WarmStatus.Imported);

    /// <summary>Whether every referrer copy that was tried went through.</summary>
    public bool ReferrersComplete => Items.All(i => i.ReferrersError is null);
}
