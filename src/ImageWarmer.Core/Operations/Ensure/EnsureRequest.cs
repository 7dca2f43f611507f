using ImageWarmer.Core.Operations.Scan;
using ImageWarmer.Core.Planning;

namespace ImageWarmer.Core.Operations.Ensure;

/// <summary>What a pipeline's preflight checks.</summary>
/// <param name="Images">Public images named one by one (may be empty when <paramref name="Manifests"/> names them).</param>
/// <param name="Target">The ACR name of the one image in <paramref name="Images"/>, when not the derived one.</param>
/// <param name="Manifests">Manifests whose every declared image is checked (as <see cref="ScanRequest"/> names them; several are one run), or none.</param>
/// <param name="TargetRegistry">The ACR login server (null: the configured one).</param>
/// <param name="Expectation">Where the expected digest comes from: upstream (default), the lock file, or nowhere.</param>
/// <param name="Request">Enqueue a warm request for every missing image and wait for them.</param>
/// <param name="Wait">How long to wait, in all, for the requested images.</param>
/// <param name="RequestedBy">Who asks, for the ledger (null: <c>ensure by</c> <see cref="Requester.Default"/>).</param>
public sealed record EnsureRequest(
    IReadOnlyList<string> Images, string? Target, IReadOnlyList<string> Manifests, string? TargetRegistry, Expectation Expectation, bool Request, TimeSpan Wait,
    string? RequestedBy = null)
{
    /// <summary>The lock file to read (<c>--lock</c>), instead of the one found in or above the manifests.</summary>
    public string? LockFile { get; init; }
}
