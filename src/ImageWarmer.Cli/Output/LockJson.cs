using System.Text.Json;
using ImageWarmer.Core.Operations.Lock;

namespace ImageWarmer.Cli.Output;

/// <summary><c>lock --json</c>: where the lock was written (null when refused), how many images it pins, and what is missing.</summary>
internal sealed record LockJson(string? Path, string Registry, int Images, IReadOnlyList<string> Missing, IReadOnlyList<ScanJson.Problem> Problems)
{
    public static string Serialize(LockResult result) => JsonSerializer.Serialize(
        new LockJson(result.Path, result.Lock.Registry, result.Lock.Images.Count, [.. result.Missing.Select(m => m.Source.FullyQualified)],
            [.. result.Problems.Select(p => new ScanJson.Problem(p.Path, p.Line, p.Message))]),
        CliJsonContext.Default.LockJson);
}
