using System.Text.RegularExpressions;

namespace ImageWarmer.Core.Discovery.Readers;

/// <summary>
/// Splits a Dockerfile into instructions the way BuildKit's parser does: parser directives (<c># escape=`</c>; the
/// <c># syntax=</c> frontend is <see cref="SyntaxDirective"/>'s),
/// comment lines, line continuations with the escape character, and heredoc bodies (<c>RUN &lt;&lt;EOF</c>),
/// whose lines are never instructions. See https://docs.docker.com/reference/dockerfile/#format.
/// </summary>
public static partial class DockerfileLexer
{
    [GeneratedRegex(@"^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Directive();

    [GeneratedRegex(@"<<(-?)[""']?([A-Za-z_][A-Za-z0-9_]*)[""']?", RegexOptions.CultureInvariant)]
    private static partial Regex Heredoc();

    /// <summary>The instructions of <paramref name="text"/>, in order.</summary>
    public static IEnumerable<DockerfileInstruction> Split(string text)
    {
        var lines = text.Split('\n');
        var starts = new int[lines.Length];
        for (var i = 1; i < lines.Length; i++)
        {
            starts[i] = starts[i - 1] + lines[i - 1].Length + 1;
        }
        var escape = '\\';
        var inDirectives = true;
        var index = 0;
        while (index < lines.Length)
        {
            var line = lines[index].TrimEnd('\r');
            var trimmed = line.TrimStart();
            // An unknown directive is a comment, and ends the directives as any comment does (BuildKit's parser).
            if (inDirectives && Directive().Match(trimmed) is { Success: true } directive && SyntaxDirective.IsKnown(directive.Groups[1].Value))
            {
                if (directive.Groups[1].Value.Equals("escape", StringComparison.OrdinalIgnoreCase) && directive.Groups[2].Value is ['`'])
                {
                    escape = '`';
                }
                index++;
                continue;
            }
            inDirectives = false;
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                index++;
                continue;
            }

            var startLine = index + 1;
            var pieces = new List<TextPiece>();
            var joined = JoinContinuations(lines, starts, ref index, escape, pieces);
            var space = joined.IndexOfAny([' ', '\t']);
            var keyword = space < 0 ? joined : joined[..space];
            var rest = space < 0 ? "" : joined[(space + 1)..];
            var arguments = rest.Trim();
            yield return new DockerfileInstruction(startLine, keyword.ToUpperInvariant(), arguments)
            {
                Pieces = pieces,
                ArgumentsAt = space + 1 + (rest.Length - rest.TrimStart().Length),
            };
            SkipHeredocBodies(lines, ref index, arguments);
        }
    }

    // Joins a line ending in the escape character with the lines after it; comment and empty lines
    // inside a continuation are dropped, as BuildKit does. Leaves index after the last line used; pieces say where
    // each run of the joined text is in the file (a FROM's image is rewritten there by pin).
    private static string JoinContinuations(string[] lines, int[] starts, ref int index, char escape, List<TextPiece> pieces)
    {
        var joined = new System.Text.StringBuilder();
        while (index < lines.Length)
        {
            var at = starts[index];
            var line = lines[index++].TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (joined.Length > 0 && (trimmed.Length == 0 || trimmed[0] == '#'))
            {
                continue;
            }
            var content = line.TrimEnd();
            var lead = content.Length - content.TrimStart().Length;
            if (content.Length > 0 && content[^1] == escape)
            {
                var piece = content.AsSpan(0, content.Length - 1).TrimStart();
                pieces.Add(new TextPiece(joined.Length, at + lead, piece.Length));
                joined.Append(piece).Append(' ');
                continue;
            }
            pieces.Add(new TextPiece(joined.Length, at + lead, content.Length - lead));
            joined.Append(content.TrimStart());
            break;
        }
        // Only the end is trimmed here: the first piece starts at a non-blank character, or is empty.
        var text = joined.ToString();
        var leading = text.Length - text.TrimStart().Length;
        if (leading > 0)
        {
            for (var i = 0; i < pieces.Count; i++)
            {
                pieces[i] = pieces[i] with { Joined = pieces[i].Joined - leading };
            }
        }
        return text.Trim();
    }

    private static void SkipHeredocBodies(string[] lines, ref int index, string arguments)
    {
        foreach (Match heredoc in Heredoc().Matches(arguments))
        {
            var stripTabs = heredoc.Groups[1].Value == "-";
            var terminator = heredoc.Groups[2].Value;
            while (index < lines.Length)
            {
                var body = lines[index++].TrimEnd('\r');
                if ((stripTabs ? body.TrimStart('\t') : body) == terminator)
                {
                    break;
                }
            }
        }
    }
}
