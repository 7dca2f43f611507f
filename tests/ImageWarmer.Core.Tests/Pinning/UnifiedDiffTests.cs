using ImageWarmer.Core.Pinning;

namespace ImageWarmer.Core.Tests.Pinning;

/// <summary>The diff pin prints is what <c>diff -u</c> prints for the same change: hunks with three lines of context and
/// their line counts, runs of changed lines as all of the old then all of the new, added lines after their context.</summary>
public sealed class UnifiedDiffTests
{
    private static readonly string Text = string.Concat(Enumerable.Range(1, 20).Select(i => $"line {i}\n"));

    [Fact]
    public void Create_EditsFarApart_TwoHunksWithTheirCounts()
    {
        var diff = UnifiedDiff.Create("f", Text, [Replace(2, "LINE 2"), Replace(18, "LINE 18")]);

        Assert.Equal("""
            --- a/f
            +++ b/f
            @@ -1,5 +1,5 @@
             line 1
            -line 2
            +LINE 2
             line 3
             line 4
             line 5
            @@ -15,6 +15,6 @@
             line 15
             line 16
             line 17
            -line 18
            +LINE 18
             line 19
             line 20

            """, diff);
    }

    [Fact]
    public void Create_AdjacentChangesAndAnInsertion_OneHunk_OldThenNew_InsertionAfterItsLine()
    {
        var insertAt = Text.IndexOf("line 7\n", StringComparison.Ordinal) + "line 7".Length;
        var diff = UnifiedDiff.Create("f", Text, [Replace(4, "LINE 4"), Replace(5, "LINE 5"), new TextEdit(insertAt, 0, "\nadded")]);

        Assert.Equal("""
            --- a/f
            +++ b/f
            @@ -1,10 +1,11 @@
             line 1
             line 2
             line 3
            -line 4
            -line 5
            +LINE 4
            +LINE 5
             line 6
             line 7
            +added
             line 8
             line 9
             line 10

            """, diff);
        Assert.Equal(21, TextEdit.Apply(Text, [new TextEdit(insertAt, 0, "\nadded")]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Create_LastLineWithoutABreak_SaysSoOnBothSides()
    {
        var diff = UnifiedDiff.Create("f", "a\nb", [new TextEdit(2, 1, "B")]);

        Assert.Equal("--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+B\n\\ No newline at end of file\n", diff);
    }

    private static TextEdit Replace(int line, string with)
    {
        var start = Text.IndexOf($"line {line}\n", StringComparison.Ordinal);
        return new TextEdit(start, $"line {line}".Length, with);
    }
}
