namespace ImageWarmer.Core.Operations.Scan;

/// <summary>What to scan: a folder, a <c>.tar.gz</c>, <c>blob:</c> (the configured snapshot), <c>blob:container/name</c>
/// or <c>blob:container/prefix/</c>; and the registry the images go to, when known (null: the configured one, if any),
/// so that a target too long for it is a problem at its declaration, not a failure later.</summary>
public sealed record ScanRequest(string Manifests, string? TargetRegistry = null);
