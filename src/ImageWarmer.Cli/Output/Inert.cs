using ImageWarmer.Core.Failures;

namespace ImageWarmer.Cli.Output;

/// <summary>Text from outside (registries, snapshots, the ledger, queue messages) as each output takes it: one inert
/// line (<see cref="InertText.OneLine"/>), escaped for Spectre's markup or put in a Markdown code span.</summary>
internal static class Inert
{
    /// <summary>One inert line.</summary>
    public static string Line(string? text) => InertText.OneLine(text);

    /// <summary>One inert line, with Spectre's markup escaped (a table cell).</summary>
    public static string Markup(string? text) => Spectre.Console.Markup.Escape(InertText.OneLine(text));

    /// <summary>One inert line as a Markdown code span in a table cell: nothing in it is read as Markdown or HTML, a
    /// backtick (which would end the span) becomes a quote, and a pipe (which would end the cell) is escaped.</summary>
    public static string CodeSpan(string? text)
    {
        var line = InertText.OneLine(text);
        return line.Length == 0 ? "" : $"`{line.Replace('`', '\'').Replace("|", "\\|", StringComparison.Ordinal)}`";
    }
}
