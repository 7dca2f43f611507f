using ImageWarmer.Core.Operations.Scan;

namespace ImageWarmer.Core.Operations.Warm;

/// <summary>What <c>warm</c> runs over: the manifests (one or more, as <see cref="ScanRequest"/> names them) and the
/// target registry (null: the configured one); <paramref name="RequestedBy"/> names who runs it in the ledger (null: <c>warm by</c> <see cref="Requester.Default"/>).</summary>
public sealed record WarmRunRequest(IReadOnlyList<string> Manifests, string? TargetRegistry, string? RequestedBy = null)
{
    /// <summary>One location.</summary>
    public WarmRunRequest(string manifests, string? targetRegistry, string? requestedBy = null)
        : this([manifests], targetRegistry, requestedBy)
    {
    }

    /// <summary>The lock file to read (<c>--lock</c>), instead of the one found in or above the manifests.</summary>
    public string? LockFile { get; init; }

    /// <summary>What to scan.</summary>
    public ScanRequest Scan(string? targetRegistry) => new(Manifests, targetRegistry) { LockFile = LockFile };
}
