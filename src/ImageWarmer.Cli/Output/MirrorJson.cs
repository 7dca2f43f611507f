using System.Text.Json;
using ImageWarmer.Core.Operations.Mirror;

namespace ImageWarmer.Cli.Output;

/// <summary>The <c>mirror --json</c> contract (docs/contracts/mirror.schema.json): what was written and where, each
/// source's route, and what a build still cannot read from the registry through it.</summary>
internal sealed record MirrorJson(
    string Registry,
    string Format,
    bool Strict,
    string? Output,
    IReadOnlyList<MirrorJson.File> Files,
    IReadOnlyList<MirrorJson.Route> Mirrors,
    IReadOnlyList<MirrorJson.UnmirroredSource> NotMirrored,
    IReadOnlyList<MirrorJson.UnreachableImage> Unreachable,
    IReadOnlyList<ScanJson.Problem> Problems)
{
    public static string Serialize(MirrorResult result) => JsonSerializer.Serialize(
        new MirrorJson(result.Registry, result.Format, result.Strict, result.Output,
            [.. result.Files.Select(f => new File(f.RelativePath, f.Content))],
            [.. result.Routes.Select(r => new Route(r.Source, r.Upstream.GetLeftPart(UriPartial.Authority), r.MirrorLocation,
                r.MirrorPlainHttp, !result.Strict))],
            [.. result.Unmirrored.Select(u => new UnmirroredSource(u.Source, u.Reason))],
            [.. result.Unreachable.Select(u => new UnreachableImage(u.Image.Source.FullyQualified, u.Image.Target.ToString(), u.MirrorAsks))],
            [.. result.Problems.Select(p => new ScanJson.Problem(p.Path, p.Line, p.Message))]),
        CliJsonContext.Default.MirrorJson);

    internal sealed record File(string Path, string Content);

    internal sealed record Route(string Source, string Upstream, string Mirror, bool PlainHttp, bool Fallback);

    internal sealed record UnmirroredSource(string Source, string Reason);

    internal sealed record UnreachableImage(string Source, string Target, string MirrorAsks);
}
