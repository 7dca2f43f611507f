namespace ImageWarmer.Core.Operations;

/// <summary>What to pin: the manifests in <paramref name="Folder"/>, to the digests <paramref name="TargetRegistry"/>
/// holds (null: the configured one); with <paramref name="DryRun"/>, the files are not written.</summary>
public sealed record PinOptions(string Folder, string? TargetRegistry, bool DryRun);
