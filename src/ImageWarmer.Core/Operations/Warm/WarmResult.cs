using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Warming;

namespace ImageWarmer.Core.Operations.Warm;

/// <summary>A warm run of the declared images into <paramref name="TargetRegistry"/>, with the scan it came from.</summary>
public sealed record WarmResult(string TargetRegistry, ScanResult Scan, WarmReport Report)
{
    /// <summary>Whether every image is in the target afterwards, with its referrers where they were copied, and the
    /// manifests were read without problems.</summary>
    public bool AllWell => Report.AllPresent && Report.ReferrersComplete && Scan.Problems.Count == 0;
}
