using System.Text;

namespace ImageWarmer.Core.Discovery.Pinning;

/// <summary>A unified diff (<c>diff -u</c>, three lines of context) of a file before and after pin's edits, from the
/// edits themselves: pin changes a few lines in place and adds whole lines, so the changed lines are known.</summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    /// <summary>The diff of <paramref name="path"/> from <paramref name="before"/> to the text <paramref name="edits"/> make.</summary>
    public static string Create(string path, string before, IReadOnlyList<TextEdit> edits)
    {
        var lines = Lines(before);
        // Each edit touches the old lines its span covers; those lines are replaced by the same lines edited.
        var touched = edits.Select(e => (First: LineOf(lines, e.Start), Last: LineOf(lines, e.Start + Math.Max(0, e.Length - 1)))).ToList();
        var groups = new List<(int First, int Last)>();
        foreach (var (first, last) in touched.OrderBy(t => t.First))
        {
            if (groups.Count > 0 && first <= groups[^1].Last + (2 * Context) + 1)
            {
                groups[^1] = (groups[^1].First, Math.Max(groups[^1].Last, last));
            }
            else
            {
                groups.Add((first, last));
            }
        }
        var diff = new StringBuilder().Append("--- a/").Append(path).Append('\n').Append("+++ b/").Append(path).Append('\n');
        var shift = 0;
        foreach (var (first, last) in groups)
        {
            var from = Math.Max(0, first - Context);
            var to = Math.Min(lines.Count - 1, last + Context);
            var changedStart = lines[first].Start;
            var changedEnd = lines[last].Start + lines[last].Text.Length;
            var inside = edits.Where(e => e.Start >= changedStart && e.Start <= changedEnd)
                .Select(e => e with { Start = e.Start - changedStart }).ToList();
            var newLines = Lines(TextEdit.Apply(before[changedStart..changedEnd], inside));
            // The segment stops before the last line's break; in the file, the break (or its absence) follows.
            newLines[^1] = newLines[^1] with { Ended = lines[last].Ended };
            var oldCount = to - from + 1;
            var newCount = oldCount - (last - first + 1) + newLines.Count;
            diff.Append($"@@ -{from + 1},{oldCount} +{from + 1 + shift},{newCount} @@\n");
            for (var i = from; i < first; i++)
            {
                Append(diff, ' ', lines[i]);
            }
            for (var i = first; i <= last; i++)
            {
                Append(diff, '-', lines[i]);
            }
            foreach (var line in newLines)
            {
                Append(diff, '+', line);
            }
            for (var i = last + 1; i <= to; i++)
            {
                Append(diff, ' ', lines[i]);
            }
            shift += newLines.Count - (last - first + 1);
        }
        return diff.ToString();
    }

    private static void Append(StringBuilder diff, char mark, (int Start, string Text, bool Ended) line)
    {
        diff.Append(mark).Append(line.Text.TrimEnd('\r')).Append('\n');
        if (!line.Ended)
        {
            diff.Append("\\ No newline at end of file\n");
        }
    }

    // Lines with where each starts; Text keeps a CR of CRLF (it is in the file), Ended says a line break follows.
    private static List<(int Start, string Text, bool Ended)> Lines(string text)
    {
        var lines = new List<(int, string, bool)>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                lines.Add((start, text[start..], false));
                break;
            }
            lines.Add((start, text[start..end], true));
            start = end + 1;
        }
        if (lines.Count == 0)
        {
            lines.Add((0, "", false));
        }
        return lines;
    }

    private static int LineOf(List<(int Start, string Text, bool Ended)> lines, int offset)
    {
        var line = lines.FindLastIndex(l => l.Start <= offset);
        return Math.Max(0, line);
    }
}
