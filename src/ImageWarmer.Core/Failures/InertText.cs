using System.Globalization;
using System.Text;

namespace ImageWarmer.Core.Failures;

/// <summary>
/// Text from outside (a registry's error message, a token endpoint's answer, a snapshot's path, a queue message's
/// field) made inert before it reaches a log, a table, the ledger or a pipeline's log: one line, every control, line
/// or paragraph separator and invisible format character (bidi overrides, zero-width) written as <c>\uXXXX</c>, and
/// never the start of a CI runner's command (GitHub's <c>::error::</c>, which the runner reads after leading
/// whitespace, and the legacy <c>##[</c>; Azure Pipelines' <c>##vso[</c>, read anywhere in a line).
/// </summary>
public static class InertText
{
    /// <summary><paramref name="text"/> as one inert line (empty for null).</summary>
    public static string OneLine(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        StringBuilder? inert = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsInert(c))
            {
                inert?.Append(c);
                continue;
            }
            inert ??= new StringBuilder(text, 0, i, text.Length + 16);
            inert.Append(c == '\t' ? " " : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"));
        }
        return NotACommand(inert?.ToString() ?? text);
    }

    /// <summary><paramref name="line"/> (one line, already ours or made inert) with a runner command at its start, or an
    /// Azure Pipelines command anywhere in it, broken up: the first colon or <c>#</c> written as <c>\uXXXX</c>.</summary>
    public static string NotACommand(string line)
    {
        var start = line.Length - line.TrimStart().Length;
        if (line.AsSpan(start).StartsWith("::", StringComparison.Ordinal) || line.AsSpan(start).StartsWith("##[", StringComparison.Ordinal))
        {
            line = string.Concat(line.AsSpan(0, start), line[start] == ':' ? "\\u003A" : "\\u0023", line.AsSpan(start + 1));
        }
        return line.Contains("##vso[", StringComparison.OrdinalIgnoreCase)
            ? line.Replace("##vso[", "#\\u0023vso[", StringComparison.OrdinalIgnoreCase)
            : line;
    }

    private static bool IsInert(char c) =>
        !char.IsControl(c) && char.GetUnicodeCategory(c) is not (UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Format);
}
