namespace ImageWarmer.Core.Discovery.Readers;

/// <summary>
/// A source an instruction other than <c>FROM</c> takes files from: <c>COPY --from=…</c>, or the <c>from=</c> of a
/// <c>RUN --mount=…</c> (any mount type). BuildKit takes it for a build stage when a stage has that name (anywhere in the
/// file) or, for COPY, when it is a number (the stage's index); otherwise it pulls it as an image. <c>ADD</c> has no
/// <c>--from</c> flag. See https://docs.docker.com/reference/dockerfile/#copy---from,
/// https://docs.docker.com/reference/dockerfile/#run---mount and BuildKit's <c>dockerfile2llb</c> (<c>toCommand</c>,
/// <c>detectRunMount</c>).
/// </summary>
/// <param name="Instruction">The instruction that names it.</param>
/// <param name="Written">How the instruction names it, for messages (<c>COPY --from</c>, <c>RUN --mount from</c>).</param>
/// <param name="Value">The stage or image as written, without quotes.</param>
/// <param name="Index">Where <paramref name="Value"/> starts in the instruction's arguments.</param>
public sealed record StageSource(DockerfileInstruction Instruction, string Written, string Value, int Index)
{
    /// <summary>The sources <paramref name="instruction"/> names, in order.</summary>
    public static IEnumerable<StageSource> Of(DockerfileInstruction instruction) => instruction.Keyword switch
    {
        "COPY" => instruction.Flags().Where(f => f.Name == "from")
            .Select(f => new StageSource(instruction, "COPY --from", f.Value, f.Index)),
        "RUN" => instruction.Flags().Where(f => f.Name == "mount").SelectMany(f => MountSources(instruction, f.Value, f.Index)),
        _ => [],
    };

    // A mount is comma-separated key=value fields (type=bind,from=golang:1.22,source=/go,target=/go).
    private static IEnumerable<StageSource> MountSources(DockerfileInstruction instruction, string mount, int index)
    {
        for (var start = 0; start <= mount.Length;)
        {
            var comma = mount.IndexOf(',', start);
            var end = comma < 0 ? mount.Length : comma;
            var field = mount[start..end];
            var equals = field.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && field[..equals].Equals("from", StringComparison.OrdinalIgnoreCase))
            {
                yield return new StageSource(instruction, "RUN --mount from", field[(equals + 1)..], index + start + equals + 1);
            }
            start = end + 1;
        }
    }
}
