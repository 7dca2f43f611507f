namespace ImageWarmer.Core.Operations;

/// <summary>What to scan: a folder, a <c>.tar.gz</c>, <c>blob:</c> (the configured snapshot), <c>blob:container/name</c>
/// or <c>blob:container/prefix/</c>.</summary>
public sealed record ScanOptions(string Manifests);
