using ImageWarmer.Core.Operations.Scan;

namespace ImageWarmer.Core.Operations.Plan;

/// <summary>What <c>plan</c> runs over: the manifests (one or more, as <see cref="ScanRequest"/> names them) and the
/// target registry (null: the configured one).</summary>
public sealed record PlanRequest(IReadOnlyList<string> Manifests, string? TargetRegistry)
{
    /// <summary>One location.</summary>
    public PlanRequest(string manifests, string? targetRegistry)
        : this([manifests], targetRegistry)
    {
    }

    /// <summary>The lock file to read (<c>--lock</c>), instead of the one found in or above the manifests.</summary>
    public string? LockFile { get; init; }

    /// <summary>What to scan.</summary>
    public ScanRequest Scan(string? targetRegistry) => new(Manifests, targetRegistry) { LockFile = LockFile };
}
