using ImageWarmer.Core.Discovery;
using Spectre.Console;

namespace ImageWarmer.Cli.Output;

/// <summary>The readable form of a scan: images with where they are declared, then skipped references and problems.</summary>
internal static class ScanTable
{
    public static void Write(IAnsiConsole console, string scanned, ScanResult result)
    {
        var images = new Table().Border(TableBorder.Rounded).Title($"Images declared in {Markup.Escape(scanned)}")
            .AddColumn("Source").AddColumn("ACR target").AddColumn("Declared in");
        foreach (var image in result.Images)
        {
            var origins = string.Join("\n", image.Origins.Select(o => $"{o.Path}:{o.Line} ({o.Kind.ToString().ToLowerInvariant()})"));
            images.AddRow(Markup.Escape(image.Source.Familiar), Markup.Escape(image.Target.ToString()), Markup.Escape(origins));
        }
        console.Write(images);

        if (result.Skipped.Count > 0)
        {
            var skipped = new Table().Border(TableBorder.Rounded).Title("Not warmed")
                .AddColumn("Reference").AddColumn("Declared in").AddColumn("Why");
            foreach (var skip in result.Skipped)
            {
                skipped.AddRow(Markup.Escape(skip.Reference), Inert.Markup($"{skip.Path}:{skip.Line}"), Inert.Markup(skip.Reason));
            }
            console.Write(skipped);
        }

        ReportFooter.WriteProblems(console, result.Problems);
        console.MarkupLine(
            $"{Words.Count(result.FilesScanned, "manifest file")}, {Words.Count(result.Images.Count, "image")} to warm, {result.Skipped.Count} not warmed, {Words.Count(result.Problems.Count, "problem")}");
    }
}
