using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Discovery.Readers;

/// <summary>
/// Reads every <c>FROM</c> of a Dockerfile: global <c>ARG</c> defaults substituted, <c>--platform</c> and other
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
        var arguments = new BuildArguments();
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seenFrom = false;
        foreach (var instruction in DockerfileLexer.Split(text))
        {
            switch (instruction.Keyword)
            {
                // Only ARGs before the first FROM are in scope for FROM lines; later ones belong to a stage.
                case "ARG" when !seenFrom:
                    if (!arguments.TryDeclare(instruction.Arguments, out var missing))
                    {
                        findings.AddProblem(path, instruction.Line, $"ARG default uses ${missing}, which has no value");
                    }
                    break;
                case "FROM":
                    seenFrom = true;
                    ReadFrom(path, instruction, arguments, stages, findings);
                    break;
            }
        }
    }

    private void ReadFrom(string path, DockerfileInstruction from, BuildArguments arguments, HashSet<string> stages, ManifestFindings findings)
    {
        var positioned = Words(from.Arguments).SkipWhile(word => word.Text.StartsWith("--", StringComparison.Ordinal)).ToArray();
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
    private static DigestSite SiteOf(DockerfileInstruction from, (string Text, int Index) image)
    {
        if (image.Text.Contains('$', StringComparison.Ordinal))
        {
            return DigestSite.Fixed($"the image comes from a build argument ({image.Text}): pin it where its value is set");
        }
        return from.OffsetOf(image.Index, image.Text.Length) is { } offset
            ? new DigestSite(DigestSiteKind.Reference, offset, image.Text.Length, image.Text)
            : DigestSite.Fixed("the image is split over lines");
    }

    private static IEnumerable<(string Text, int Index)> Words(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (text[i] is ' ' or '\t')
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && text[i] is not (' ' or '\t'))
            {
                i++;
            }
            yield return (text[start..i], start);
        }
    }
}
