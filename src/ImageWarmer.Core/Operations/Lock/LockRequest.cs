namespace ImageWarmer.Core.Operations.Lock;

/// <summary>The manifests folders to lock (one or more) and the registry whose digests the lock records.</summary>
public sealed record LockRequest(IReadOnlyList<string> Folders, string? TargetRegistry)
{
    /// <summary>One folder.</summary>
    public LockRequest(string folder, string? targetRegistry)
        : this([folder], targetRegistry)
    {
    }

    /// <summary>The lock file to write (<c>--lock</c>), instead of the one found in or above the folders (or a new one
    /// at the root of the one folder).</summary>
    public string? LockFile { get; init; }
}
