using System.Text.RegularExpressions;

namespace ImageWarmer.Core.Discovery.Readers;

/// <summary>
/// Splits a Dockerfile into instructions the way BuildKit's parser does: parser directives (<c># escape=`</c>),
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
        var escape = '\\';
        var inDirectives = true;
        var index = 0;
        while (index < lines.Length)
        {
            var line = lines[index].TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (inDirectives && Directive().Match(trimmed) is { Success: true } directive)
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
            var joined = JoinContinuations(lines, ref index, escape);
            var space = joined.IndexOfAny([' ', '\t']);
            var keyword = space < 0 ? joined : joined[..space];
            var arguments = space < 0 ? "" : joined[(space + 1)..].Trim();
            yield return new DockerfileInstruction(startLine, keyword.ToUpperInvariant(), arguments);
            SkipHeredocBodies(lines, ref index, arguments);
        }
    }

    // Joins a line ending in the escape character with the lines after it; comment and empty lines
    // inside a continuation are dropped, as BuildKit does. Leaves index after the last line used.
    private static string JoinContinuations(string[] lines, ref int index, char escape)
    {
        var joined = new System.Text.StringBuilder();
        while (index < lines.Length)
        {
            var line = lines[index++].TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (joined.Length > 0 && (trimmed.Length == 0 || trimmed[0] == '#'))
            {
                continue;
            }
            var content = line.TrimEnd();
            if (content.Length > 0 && content[^1] == escape)
            {
                joined.Append(content.AsSpan(0, content.Length - 1).TrimStart()).Append(' ');
                continue;
            }
            joined.Append(content.TrimStart());
            break;
        }
        return joined.ToString().Trim();
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
