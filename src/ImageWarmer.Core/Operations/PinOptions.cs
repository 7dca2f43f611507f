namespace ImageWarmer.Core.Operations;

/// <summary>What to pin: the manifests in <paramref name="Folders"/> (one or more), to the digests
/// <paramref name="TargetRegistry"/> holds (null: the configured one); with <paramref name="DryRun"/>, the files are not written.</summary>
public sealed record PinOptions(IReadOnlyList<string> Folders, string? TargetRegistry, bool DryRun)
{
    /// <summary>One folder.</summary>
    public PinOptions(string folder, string? targetRegistry, bool dryRun)
        : this([folder], targetRegistry, dryRun)
    {
    }
}
