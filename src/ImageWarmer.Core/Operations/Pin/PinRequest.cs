namespace ImageWarmer.Core.Operations.Pin;

/// <summary>What to pin: the manifests in <paramref name="Folders"/> (one or more), to the digests
/// <paramref name="TargetRegistry"/> holds (null: the configured one); with <paramref name="DryRun"/>, the files are not written.</summary>
public sealed record PinRequest(IReadOnlyList<string> Folders, string? TargetRegistry, bool DryRun)
{
    /// <summary>One folder.</summary>
    public PinRequest(string folder, string? targetRegistry, bool dryRun)
        : this([folder], targetRegistry, dryRun)
    {
    }

    /// <summary>The lock file whose digests to write (<c>pin --lock</c>), instead of asking the registry; null: the registry's.</summary>
    public string? LockFile { get; init; }
}
