using ImageWarmer.Core.Operations.Scan;

namespace ImageWarmer.Core.Operations.Plan;

/// <summary>What <c>plan</c> runs over: the manifests (as <see cref="ScanRequest"/> names them) and the target registry
/// (null: the configured one).</summary>
public sealed record PlanRequest(string Manifests, string? TargetRegistry);
