using ImageWarmer.Core.Discovery;

namespace ImageWarmer.Testing;

/// <summary>A scan result in the one-line-per-item form of <see cref="SampleExpectations"/>, so a mismatch reads as a diff.</summary>
public static class ScanFormat
{
    public static IReadOnlyList<string> Images(ScanResult result) =>
    [
        .. result.Images.Select(i => $"{i.Source.FullyQualified} => {i.Target} | "
            + string.Join(", ", i.Origins.Select(o => $"{o.Path}:{o.Line} {o.Kind.ToString().ToLowerInvariant()}"))),
    ];

    public static IReadOnlyList<string> Skipped(ScanResult result) => [.. result.Skipped.Select(s => $"{s.Reference} @ {s.Path}:{s.Line}")];
}
