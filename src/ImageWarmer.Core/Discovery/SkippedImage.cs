namespace ImageWarmer.Core.Discovery;

/// <summary>A valid reference that is not warmed (e.g. its registry is not an allowed source), and why.</summary>
public sealed record SkippedImage(string Reference, string Reason, string Path, int Line);
