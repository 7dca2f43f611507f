using System.Text.Json;
using ImageWarmer.Core.Operations.Pin;

namespace ImageWarmer.Cli.Output;

/// <summary><c>pin --json</c> (docs/contracts/pin.schema.json): the files changed with their diffs, and what was not touched.</summary>
internal sealed record PinJson(
    string Registry, string? Lock, bool Written, IReadOnlyList<PinJson.FileJson> Files, int Unchanged, IReadOnlyList<PinJson.SkipJson> NotTouched,
    IReadOnlyList<ScanJson.Problem> Problems)
{
    public static PinJson From(PinResult result) => new(
        result.Registry, result.Lock, result.Written,
        [.. result.Files.Select(f => new FileJson(f.Path, f.Pins, f.Diff))],
        result.Unchanged,
        [.. result.NotTouched.Select(s => new SkipJson(s.Path, s.Line, s.Reference, s.Reason))],
        [.. result.Problems.Select(p => new ScanJson.Problem(p.Path, p.Line, p.Message))]);

    public string Serialize() => JsonSerializer.Serialize(this, CliJsonContext.Default.PinJson);

    internal sealed record FileJson(string Path, int Pins, string Diff);

    internal sealed record SkipJson(string Path, int Line, string Reference, string Reason);
}
