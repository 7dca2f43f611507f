using ImageWarmer.Core.Operations.Mirror;

namespace ImageWarmer.Cli.Output;

/// <summary><c>mirror</c> for people: the file itself when nothing was written (so <c>&gt; file</c> works), else one line
/// per route; what stays out of the mirror's reach goes to stderr either way.</summary>
internal static class MirrorLines
{
    public static async Task WriteAsync(CliContext context, MirrorResult result)
    {
        if (result.Output is null)
        {
            await context.Output.WriteAsync(result.Files.Single().Content);
        }
        else
        {
            foreach (var route in result.Routes)
            {
                var miss = result.Strict ? "a miss fails (strict)" : $"a miss goes to {(route.UpstreamMoved ? route.Upstream.Authority : route.Source)}";
                await context.Output.WriteLineAsync($"{route.Source} → {route.MirrorLocation}: {miss}");
            }
            var what = result.Files.Count == 1 && result.Files[0].RelativePath == result.Format ? result.Format : string.Join(", ", result.Files.Select(f => f.RelativePath));
            await context.Output.WriteLineAsync($"wrote {what} to {result.Output}");
        }
        foreach (var source in result.Unmirrored)
        {
            await context.Error.WriteLineAsync(source.Reason);
        }
        foreach (var image in result.Unreachable)
        {
            await context.Error.WriteLineAsync(
                $"{image.Image.Source.Familiar} is warmed as {image.Image.Target} but a mirror asks for {image.MirrorAsks}: builds pulling it are not served from {result.Registry}");
        }
        foreach (var problem in result.Problems)
        {
            await context.Error.WriteLineAsync($"problem {problem}");
        }
    }
}
