namespace ImageWarmer.Core.Operations.Pin;

/// <summary>A declaration pin did not touch, and why (the registry lacks the image, the reference comes from a build
/// argument…).</summary>
public sealed record PinSkip(string Path, int Line, string Reference, string Reason);
