using System.Text.Json;
using ImageWarmer.Core.Storage;

namespace ImageWarmer.Cli.Output;

/// <summary><c>snapshot push --json</c>: where the snapshot went, what it holds, and the files that could not be packed.</summary>
internal sealed record SnapshotJson(string Location, int Files, long Bytes, IReadOnlyList<ScanJson.Problem> NotPacked)
{
    public static string Serialize(SnapshotPublishResult result) => JsonSerializer.Serialize(
        new SnapshotJson(result.Location, result.Files, result.Bytes, [.. result.Failed.Select(f => new ScanJson.Problem(f.Path, null, f.Error ?? ""))]),
        CliJsonContext.Default.SnapshotJson);
}
