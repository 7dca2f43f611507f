
using ImageWarmer.Core.Operations.Pin;

namespace ImageWarmer.Cli.Output;

/// <summary>The readable form of a pin: the unified diff of every file (as <c>diff -u</c> prints it, ready for
/// <c>git apply</c>), what was not touched and why, and a count line.</summary>
internal static class PinLines
{
    public static async Task WriteAsync(CliContext context, PinResult result)
    {
        foreach (var file in result.Files)
        {
            await context.Output.WriteAsync(file.Diff);
        }
        foreach (var skip in result.NotTouched)
        {
            await context.Error.WriteLineAsync($"not touched: {Inert.Line($"{skip.Path}:{skip.Line}: {skip.Reference}: {skip.Reason}")}");
        }
        foreach (var problem in result.Problems)
        {
            await context.Error.WriteLineAsync($"not touched: {Inert.Line(problem.ToString())}");
        }
        var pins = result.Files.Sum(f => f.Pins);
        await context.Error.WriteLineAsync(
            $"{(result.Written ? "pinned" : "would pin")} {Words.Count(pins, "declaration")} in {Words.Count(result.Files.Count, "file")} to the digests {(result.Lock is { } lockPath ? $"{Inert.Line(lockPath)} locks for {result.Registry}" : $"{result.Registry} holds")}; "
            + $"{result.Unchanged} already pinned, {result.NotTouched.Count + result.Problems.Count} not touched{(result.Written ? "" : " (dry run: nothing written)")}");
    }
}
