namespace ImageWarmer.Core.Operations.Pin;

/// <summary>A manifest file pin rewrote (or, in a dry run, would): how many declarations, and the unified diff.</summary>
public sealed record PinnedFile(string Path, int Pins, string Diff);
