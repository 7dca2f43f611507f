using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Planning;

namespace ImageWarmer.Core.Operations.Plan;

/// <summary>A plan of the declared images against <paramref name="TargetRegistry"/>, with the scan it came from.</summary>
public sealed record PlanResult(string TargetRegistry, ScanResult Scan, WarmPlan Plan)
{
    /// <summary>Whether nothing needs attention: every image present, and the manifests read without problems.</summary>
    public bool AllWell => Plan.AllPresent && Scan.Problems.Count == 0;
}
