using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Planning;
using Spectre.Console;

namespace ImageWarmer.Cli.Output;

/// <summary>The readable form of a plan: one row per image, then what it cost each registry.</summary>
internal static class PlanTable
{
    public static void Write(IAnsiConsole console, string targetRegistry, WarmPlan plan, IReadOnlyList<ScanProblem> problems)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"Plan against {Markup.Escape(targetRegistry)}")
            .AddColumn("Source").AddColumn("ACR target").AddColumn("Status").AddColumn("Upstream digest").AddColumn("Target digest")
            .AddColumn(new TableColumn("Referrers").RightAligned());
        foreach (var item in plan.Items)
        {
            var status = item.Status switch
            {
                PlanStatus.Present => "[green]present[/]",
                PlanStatus.Missing or PlanStatus.Drifted => $"[yellow]{item.Status.ToText()}[/]",
                _ => $"[red]{item.Status.ToText()}[/]",
            };
            var detail = item.Error is null ? status : $"{status}\n{Inert.Markup(item.Error)}";
            if (item.Pin is { } pin)
            {
                detail += $"\npin: {Inert.Markup(pin)}\nat {Inert.Markup(string.Join(", ", item.Spec.Origins.Select(o => $"{o.Path}:{o.Line}")))}";
            }
            table.AddRow(Markup.Escape(item.Spec.Source.Familiar), Markup.Escape(item.Spec.Target.ToString()), detail, Short(item.SourceDigest), Short(item.TargetDigest),
                item.Referrers?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }
        console.Write(table);

        ReportFooter.WriteProblems(console, problems);
        var counts = plan.Counts;
        console.MarkupLine(Markup.Escape(
            $"{Words.Count(plan.Items.Count, "image")}: {counts[PlanStatus.Present]} present, {counts[PlanStatus.Missing]} missing, {counts[PlanStatus.Drifted]} drifted, "
            + $"{counts[PlanStatus.SourceMissing]} source-missing, {counts[PlanStatus.Failed]} failed"));
        ReportFooter.WriteTraffic(console, plan.Traffic);
    }

    private static string Short(string? digest) => digest is null ? "" : Markup.Escape(digest.Length > 19 ? digest[..19] : digest);
}
