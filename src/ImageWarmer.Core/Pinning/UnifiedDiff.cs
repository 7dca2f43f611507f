using System.Text;

namespace ImageWarmer.Core.Pinning;

/// <summary>A unified diff (<c>diff -u</c>, three lines of context) of a file before and after pin's edits, built from the
/// edits themselves: each edit changes one line in place, or adds lines after one, so the changed lines are known and
/// no general diff is needed. Its output applies with <c>git apply</c> or <c>patch -p1</c>.</summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    /// <summary>The diff of <paramref name="path"/> from <paramref name="before"/> to the text <paramref name="edits"/> make.</summary>
    public static string Create(string path, string before, IReadOnlyList<TextEdit> edits)
    {
        var lines = Lines(before);
        var changed = new SortedDictionary<int, List<TextEdit>>();
        foreach (var edit in edits)
        {
            var line = lines.FindLastIndex(l => l.Start <= edit.Start);
            (changed.TryGetValue(line, out var list) ? list : changed[line] = []).Add(edit with { Start = edit.Start - lines[line].Start });
        }
        var after = changed.ToDictionary(c => c.Key, c => Lines(TextEdit.Apply(lines[c.Key].Text, c.Value)));
        foreach (var (line, added) in after)
        {
            // The new lines end as the old line did (with its break, or at the end of the file without one).
            added[^1] = added[^1] with { Ended = lines[line].Ended };
        }

        var diff = new StringBuilder().Append("--- a/").Append(path).Append('\n').Append("+++ b/").Append(path).Append('\n');
        var shift = 0;
        foreach (var (first, last) in Hunks([.. changed.Keys]))
        {
            var from = Math.Max(0, first - Context);
            var to = Math.Min(lines.Count - 1, last + Context);
            var grows = after.Where(a => a.Key >= first && a.Key <= last).Sum(a => a.Value.Count - 1);
            diff.Append($"@@ -{from + 1},{to - from + 1} +{from + 1 + shift},{to - from + 1 + grows} @@\n");
            for (var i = from; i <= to; i++)
            {
                if (!after.TryGetValue(i, out var added))
                {
                    Append(diff, ' ', lines[i]);
                }
                else if (IsInsertion(i))
                {
                    // Lines added after an unchanged one (a new digest field): context, then the additions.
                    Append(diff, ' ', lines[i]);
                    added.Skip(1).ToList().ForEach(line => Append(diff, '+', line));
                }
                else
                {
                    // A run of lines changed in place: all of the old, then all of the new, as diff -u prints them.
                    var end = i;
                    while (end + 1 <= to && after.ContainsKey(end + 1) && !IsInsertion(end + 1))
                    {
                        end++;
                    }
                    for (var j = i; j <= end; j++)
                    {
                        Append(diff, '-', lines[j]);
                    }
                    for (var j = i; j <= end; j++)
                    {
                        after[j].ForEach(line => Append(diff, '+', line));
                    }
                    i = end;
                }
            }
            shift += grows;
        }
        return diff.ToString();

        // The line stays as it was (with its line break) and lines come after it.
        bool IsInsertion(int line) => after[line][0].Text == lines[line].Text && lines[line].Ended;
    }

    // Changed lines closer than twice the context share a hunk.
    private static List<(int First, int Last)> Hunks(List<int> changed)
    {
        var hunks = new List<(int First, int Last)>();
        foreach (var line in changed)
        {
            if (hunks.Count > 0 && line - hunks[^1].Last <= 2 * Context)
            {
                hunks[^1] = (hunks[^1].First, line);
            }
            else
            {
                hunks.Add((line, line));
            }
        }
        return hunks;
    }

    private static void Append(StringBuilder diff, char mark, Line line)
    {
        diff.Append(mark).Append(line.Text.TrimEnd('\r')).Append('\n');
        if (!line.Ended)
        {
            diff.Append("\\ No newline at end of file\n");
        }
    }

    // Lines with where each starts; Text keeps a CR of CRLF (it is in the file), Ended says a line break follows.
    private static List<Line> Lines(string text)
    {
        var lines = new List<Line>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                lines.Add(new Line(start, text[start..], false));
                break;
            }
            lines.Add(new Line(start, text[start..end], true));
            start = end + 1;
        }
        if (lines.Count == 0)
        {
            lines.Add(new Line(0, "", false));
        }
        return lines;
    }

    private readonly record struct Line(int Start, string Text, bool Ended);
}
