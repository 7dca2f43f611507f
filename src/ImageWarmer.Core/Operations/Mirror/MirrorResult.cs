using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Mirroring;

namespace ImageWarmer.Core.Operations.Mirror;

/// <summary>What <c>mirror</c> wrote: the files (their text too; none holds a secret), where (null: nowhere), the route
/// of each mirrored source, and what a build still cannot read from the registry through them.</summary>
public sealed record MirrorResult(
    string Registry,
    string Format,
    bool Strict,
    string? Output,
    IReadOnlyList<MirrorFile> Files,
    IReadOnlyList<MirrorRoute> Routes,
    IReadOnlyList<UnmirroredSource> Unmirrored,
    IReadOnlyList<UnreachableImage> Unreachable,
    IReadOnlyList<ScanProblem> Problems)
{
    /// <summary>Whether something needs a person: a source left out, an image the mirror cannot serve, a manifest problem.</summary>
    public bool NeedsAttention => Unmirrored.Count > 0 || Unreachable.Count > 0 || Problems.Count > 0;
}
