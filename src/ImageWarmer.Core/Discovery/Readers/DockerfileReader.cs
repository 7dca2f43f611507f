using System.Globalization;
using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Discovery.Readers;

/// <summary>
/// Reads every image a Dockerfile's build pulls: the <c># syntax=</c> frontend (<see cref="SyntaxDirective"/>), every
/// <c>FROM</c>, and every <c>COPY --from=</c> and <c>RUN --mount=…,from=</c> that names an image rather than a build
/// stage (<see cref="StageSource"/>). Global <c>ARG</c> defaults are substituted in FROM, <c>--platform</c> and other
/// flags skipped, <c>AS name</c> stages remembered so that a later <c>FROM name</c> (and <c>scratch</c>) is not an
/// image. A FROM that still holds a variable without a value is a problem, never a guessed image.
/// </summary>
public sealed class DockerfileReader : IManifestReader
{
    /// <inheritdoc/>
    public ManifestKind Kind => ManifestKind.Dockerfile;

    /// <inheritdoc/>
    public void Read(string path, string text, ManifestFindings findings)
    {
        ReadSyntax(path, text, findings);
        var arguments = new BuildArguments();
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stageCount = 0;
        // BuildKit knows every stage before it resolves a --from: a stage declared further down is a stage too.
        var sources = new List<StageSource>();
        foreach (var instruction in DockerfileLexer.Split(text))
        {
            switch (instruction.Keyword)
            {
                // Only ARGs before the first FROM are in scope for FROM lines; later ones belong to a stage.
                case "ARG" when stageCount == 0:
                    if (!arguments.TryDeclare(instruction.Arguments, out var missing))
                    {
                        findings.AddProblem(path, instruction.Line, $"ARG default uses ${missing}, which has no value");
                    }
                    break;
                case "FROM":
                    stageCount++;
                    ReadFrom(path, instruction, arguments, stages, findings);
                    break;
                default:
                    sources.AddRange(StageSource.Of(instruction));
                    break;
            }
        }
        foreach (var source in sources)
        {
            ReadStageSource(path, source, stages, stageCount, findings);
        }
    }

    private void ReadSyntax(string path, string text, ManifestFindings findings)
    {
        if (SyntaxDirective.Find(text) is not { } syntax)
        {
            return;
        }
        if (!ImageReference.TryParse(syntax.Image, out var reference, out var error))
        {
            findings.AddProblem(path, syntax.Line, $"# syntax={syntax.Image}: not a valid image reference: {error}");
            return;
        }
        // A parser directive is one line, never continued: the image is always one run of the file.
        var site = new DigestSite(DigestSiteKind.Reference, syntax.Start, syntax.Image.Length, syntax.Image);
        findings.AddImage(reference, null, new ImageOrigin(path, syntax.Line, Kind) { Site = site });
    }

    private void ReadStageSource(string path, StageSource source, HashSet<string> stages, int stageCount, ManifestFindings findings)
    {
        var value = source.Value;
        var line = source.Instruction.Line;
        if (value.Contains('$', StringComparison.Ordinal))
        {
            // BuildKit refuses the build here rather than expand: "variable expansion is not supported for --from".
            findings.AddProblem(path, line,
                $"{source.Written}={value}: BuildKit does not expand build arguments here (make a stage 'FROM {value} AS name' and use its name)");
        }
        else if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            if (index < 0 || index >= stageCount)
            {
                findings.AddProblem(path, line, $"{source.Written}={value}: the file has no stage {value} (stages count from 0)");
            }
        }
        else if (value.Length == 0 || value.Equals("scratch", StringComparison.OrdinalIgnoreCase) || stages.Contains(value))
        {
            // A build stage, or nothing at all: nothing to pull.
        }
        else if (!ImageReference.TryParse(value, out var reference, out var error))
        {
            findings.AddProblem(path, line, $"{source.Written}={value}: not a valid image reference: {error}");
        }
        else
        {
            findings.AddImage(reference, null, new ImageOrigin(path, line, Kind) { Site = SiteOf(source.Instruction, (value, source.Index)) });
        }
    }

    private void ReadFrom(string path, DockerfileInstruction from, BuildArguments arguments, HashSet<string> stages, ManifestFindings findings)
    {
        var positioned = from.Words().SkipWhile(word => word.Text.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var words = positioned.Select(w => w.Text).ToArray();
        if (words.Length == 0)
        {
            findings.AddProblem(path, from.Line, "FROM names no image");
            return;
        }
        if (words.Length is 2 or > 3 || (words.Length == 3 && !words[1].Equals("AS", StringComparison.OrdinalIgnoreCase)))
        {
            findings.AddProblem(path, from.Line, $"FROM {from.Arguments}: expected 'FROM [--platform=…] image [AS name]'");
            return;
        }

        var stageName = words.Length == 3 ? words[2] : null;
        if (!arguments.TrySubstitute(words[0], out var image, out var unresolved))
        {
            findings.AddProblem(path, from.Line,
                $"FROM {words[0]}: ${unresolved} has no value in this file (give its ARG a default, or list the image in imagewarmer.yaml)");
        }
        else if (image.Equals("scratch", StringComparison.OrdinalIgnoreCase) || stages.Contains(image))
        {
            // An empty base or an earlier build stage: nothing to pull.
        }
        else if (!ImageReference.TryParse(image, out var reference, out var error))
        {
            findings.AddProblem(path, from.Line, $"FROM {image}: not a valid image reference: {error}");
        }
        else
        {
            findings.AddImage(reference, null, new ImageOrigin(path, from.Line, Kind) { Site = SiteOf(from, positioned[0]) });
        }

        if (stageName is not null)
        {
            stages.Add(stageName);
        }
    }

    // The image word as written: pin appends the digest to it, unless its value comes from a build argument (which a
    // build may set otherwise) or it spans a line continuation.
    private static DigestSite SiteOf(DockerfileInstruction instruction, (string Text, int Index) image)
    {
        if (image.Text.Contains('$', StringComparison.Ordinal))
        {
            return DigestSite.Fixed($"the image comes from a build argument ({image.Text}): pin it where its value is set");
        }
        return instruction.OffsetOf(image.Index, image.Text.Length) is { } offset
            ? new DigestSite(DigestSiteKind.Reference, offset, image.Text.Length, image.Text)
            : DigestSite.Fixed("the image is split over lines");
    }
}
