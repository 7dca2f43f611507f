namespace ImageWarmer.Core.Operations.Pin;

/// <summary>What to pin: the manifests in <paramref name="Folder"/>, to the digests <paramref name="TargetRegistry"/>
/// holds (null: the configured one); with <paramref name="DryRun"/>, the files are not written.</summary>
public sealed record PinRequest(string Folder, string? TargetRegistry, bool DryRun);
