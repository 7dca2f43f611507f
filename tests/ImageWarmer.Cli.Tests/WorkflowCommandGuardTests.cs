using ImageWarmer.Cli.Output;

namespace ImageWarmer.Cli.Tests;

public sealed class WorkflowCommandGuardTests
{
    [Theory]
    [InlineData("ok line\n", "ok line\n")]
    [InlineData("::error::x\n", "\\u003A:error::x\n")]
    [InlineData("  ::set-output name=a::b\n", "  \\u003A:set-output name=a::b\n")]
    [InlineData("##[error]x\n", "\\u0023#[error]x\n")]
    [InlineData("a ::error:: mid-line is no command\n", "a ::error:: mid-line is no command\n")]
    [InlineData("first\n::error::second\r\nthird::\n", "first\n\\u003A:error::second\r\nthird::\n")]
    [InlineData("# a heading is not a command\n", "# a heading is not a command\n")]
    public void Write_WholeText_CommandsAtALineStartBrokenUp(string text, string expected)
    {
        using var inner = new StringWriter();
        using (var guard = new WorkflowCommandGuard(inner))
        {
            guard.Write(text);
        }
        Assert.Equal(expected, inner.ToString());
    }

    // Spectre and TextWriter's async methods write in pieces, and flush between them: a command split across writes is still one.
    [Fact]
    public void Write_CommandSplitAcrossWritesAndFlushes_StillBrokenUp()
    {
        using var inner = new StringWriter();
        using var guard = new WorkflowCommandGuard(inner);

        guard.Write(' ');
        guard.Flush();
        guard.Write(":");
        guard.Flush();
        guard.Write(":error::x");
        guard.WriteLine();
        guard.Write("after");
        guard.Flush();

        Assert.Equal(" \\u003A:error::x" + Environment.NewLine + "after", inner.ToString());
    }
}
