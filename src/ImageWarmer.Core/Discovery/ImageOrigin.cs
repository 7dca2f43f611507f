namespace ImageWarmer.Core.Discovery;

/// <summary>Where an image is declared: a path relative to the scanned root, a 1-based line, and the file's kind.</summary>
public sealed record ImageOrigin(string Path, int Line, ManifestKind Kind);
