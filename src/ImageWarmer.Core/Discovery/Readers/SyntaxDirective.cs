using System.Text.RegularExpressions;

namespace ImageWarmer.Core.Discovery.Readers;

/// <summary>
/// The <c># syntax=</c> parser directive of a Dockerfile, found where BuildKit looks for it before it reads the file: BuildKit
/// pulls that frontend image (<c>docker/dockerfile:1</c>, <c>docker/dockerfile-upstream:1.4.0</c>) and hands the build to
/// it. Parser directives are only the file's first lines: the first line that is not one (a comment, a blank line, an
/// instruction, an unknown or repeated directive) ends them, so a <c># syntax=</c> after it is an ordinary comment. Known
/// directives (<c>escape</c>, <c>check</c>) may come before it; a first line starting <c>#!</c> is skipped. See
/// https://docs.docker.com/reference/dockerfile/#parser-directives and BuildKit's
/// <c>frontend/dockerfile/parser/directives.go</c> (<c>DetectSyntax</c>).
/// </summary>
/// <param name="Line">The directive's 1-based line.</param>
/// <param name="Start">Where the frontend image starts in the text.</param>
/// <param name="Image">The frontend image as written (the directive's value up to its first space: the rest are the
/// frontend's own arguments).</param>
public sealed partial record SyntaxDirective(int Line, int Start, string Image)
{
    // BuildKit's own pattern, after the '#' and the blanks that follow it.
    [GeneratedRegex(@"\G([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Directive();

    private static readonly HashSet<string> KnownDirectives = new(["syntax", "escape", "check"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="name"/> is a parser directive BuildKit knows (<c>syntax</c>, <c>escape</c>,
    /// <c>check</c>): any other <c># name=value</c> line is a comment, and ends the directives.</summary>
    public static bool IsKnown(string name) => KnownDirectives.Contains(name);

    /// <summary>The directive BuildKit would follow in <paramref name="text"/> (decoded, without a byte order mark), or null.</summary>
    public static SyntaxDirective? Find(string text)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var at = 0;
        var line = 1;
        if (text.StartsWith("#!", StringComparison.Ordinal))
        {
            at = NextLine(text, at);
            line++;
        }
        // Bounded: every line read either ends the directives or adds a name to a set of three.
        for (; at < text.Length; at = NextLine(text, at), line++)
        {
            var end = text.IndexOf('\n', at) is >= 0 and var newline ? newline : text.Length;
            // BuildKit's syntax detection takes the line as it is: '#' must be its first character.
            if (text[at] != '#')
            {
                return null;
            }
            var blanks = at + 1;
            while (blanks < end && char.IsWhiteSpace(text[blanks]))
            {
                blanks++;
            }
            var match = Directive().Match(text[..end], blanks);
            if (!match.Success || !IsKnown(match.Groups[1].Value) || !seen.Add(match.Groups[1].Value))
            {
                return null;
            }
            if (match.Groups[1].Value.Equals("syntax", StringComparison.OrdinalIgnoreCase))
            {
                var value = match.Groups[2].Value;
                var space = value.IndexOf(' ', StringComparison.Ordinal);
                return new SyntaxDirective(line, match.Groups[2].Index, space < 0 ? value : value[..space]);
            }
        }
        return null;
    }

    private static int NextLine(string text, int at) => text.IndexOf('\n', at) is >= 0 and var newline ? newline + 1 : text.Length;
}
