namespace ImageWarmer.Core.Operations;

/// <summary>What <c>plan</c> and <c>warm</c> run over: the manifests (one or more, as <see cref="ScanOptions"/> names them)
/// and the target registry (null: the configured one); <paramref name="RequestedBy"/> names who runs <c>warm</c> in the ledger.</summary>
public sealed record RunOptions(IReadOnlyList<string> Manifests, string? TargetRegistry, string? RequestedBy = null)
{
    /// <summary>One location.</summary>
    public RunOptions(string manifests, string? targetRegistry, string? requestedBy = null)
        : this([manifests], targetRegistry, requestedBy)
    {
    }

    /// <summary>The lock file to read (<c>--lock</c>), instead of the one found in or above the manifests.</summary>
    public string? LockFile { get; init; }

    /// <summary>What to scan.</summary>
    public ScanOptions Scan(string? targetRegistry) => new(Manifests, targetRegistry) { LockFile = LockFile };
}
