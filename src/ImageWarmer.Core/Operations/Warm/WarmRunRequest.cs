using ImageWarmer.Core.Operations.Scan;

namespace ImageWarmer.Core.Operations.Warm;

/// <summary>What <c>warm</c> runs over: the manifests (as <see cref="ScanRequest"/> names them) and the target registry
/// (null: the configured one); <paramref name="RequestedBy"/> names who runs it in the ledger.</summary>
public sealed record WarmRunRequest(string Manifests, string? TargetRegistry, string? RequestedBy = null);
