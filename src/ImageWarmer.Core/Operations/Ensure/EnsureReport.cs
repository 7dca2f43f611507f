using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Planning;

namespace ImageWarmer.Core.Operations.Ensure;

/// <summary>A preflight of every image against <paramref name="TargetRegistry"/>, with the manifests' problems.</summary>
public sealed record EnsureReport(string TargetRegistry, IReadOnlyList<EnsureItem> Items, IReadOnlyList<ScanProblem> Problems)
{
    /// <summary>How many items have each status (every status listed, zeros included).</summary>
    public IReadOnlyDictionary<EnsureStatus, int> Counts =>
        Enum.GetValues<EnsureStatus>().ToDictionary(s => s, s => Items.Count(i => i.Status == s));

    /// <summary>Whether the gate passes: every image present (unverified ones too, unless <paramref name="strict"/>),
    /// and the manifests read without problems.</summary>
    public bool Passes(bool strict) =>
        Problems.Count == 0 && Items.All(i => i.Status == EnsureStatus.Present || (!strict && i.Status == EnsureStatus.Unverified));
}
