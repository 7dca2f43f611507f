namespace ImageWarmer.Core.Operations.Scan;

/// <summary>What to scan: one or more of a folder, a <c>.tar.gz</c>, <c>blob:</c> (the configured snapshot),
/// <c>blob:container/name</c> or <c>blob:container/prefix/</c> (several are one run); and the registry the images go to,
/// when known (null: the configured one, if any), so that a target too long for it is a problem at its declaration,
/// not a failure later.</summary>
public sealed record ScanRequest(IReadOnlyList<string> Manifests, string? TargetRegistry = null)
{
    /// <summary>One location.</summary>
    public ScanRequest(string manifests, string? targetRegistry = null)
        : this([manifests], targetRegistry)
    {
    }

    /// <summary>The lock file to read (<c>--lock</c>), instead of the one found in or above the manifests.</summary>
    public string? LockFile { get; init; }
}
