namespace ImageWarmer.Core.Operations;

/// <summary>What <c>plan</c> and <c>warm</c> run over: the manifests (as <see cref="ScanOptions"/> names them) and the
/// target registry (null: the configured one); <paramref name="RequestedBy"/> names who runs <c>warm</c> in the ledger.</summary>
public sealed record RunOptions(string Manifests, string? TargetRegistry, string? RequestedBy = null);
