using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.Warming;
using Spectre.Console;

namespace ImageWarmer.Cli.Output;

/// <summary>The readable form of a warm run: one row per image (before → after), then totals and what it cost.</summary>
internal static class WarmTable
{
    public static void Write(IAnsiConsole console, string targetRegistry, WarmReport report, IReadOnlyList<ScanProblem> problems)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"Warm run into {Markup.Escape(targetRegistry)}")
            .AddColumn("Source").AddColumn("ACR target").AddColumn("Before").AddColumn("After").AddColumn(new TableColumn("Copied").RightAligned())
            .AddColumn(new TableColumn("Time").RightAligned()).AddColumn(new TableColumn("Referrers").RightAligned());
        foreach (var item in report.Items)
        {
            var after = item.After switch
            {
                WarmStatus.Present or WarmStatus.Imported => $"[green]{item.After.ToText()}[/]",
                WarmStatus.Drifted or WarmStatus.Kept or WarmStatus.Deferred => $"[yellow]{item.After.ToText()}[/]",
                _ => $"[red]{item.After.ToText()}[/]",
            };
            var notes = new[]
            {
                item.Error ?? item.ReferrersError,
                item.Backup is { } kept ? $"old image kept as {item.Spec.Target.Repository}:{kept.Tag}" : null,
                item.Pin is { } pin ? $"pin: {pin} at {string.Join(", ", item.Spec.Origins.Select(o => $"{o.Path}:{o.Line}"))}" : null,
            }.Where(n => n is not null).Select(n => $"\n{Inert.Markup(n)}");
            table.AddRow(
                Markup.Escape(item.Spec.Source.Familiar), Markup.Escape(item.Spec.Target.ToString()), item.Before.ToText(), after + string.Concat(notes),
                item.Bytes == 0 ? "" : Size(item.Bytes), item.Duration == TimeSpan.Zero ? "" : $"{item.Duration.TotalSeconds:0.0} s",
                item.Referrers is { } count ? (item.ReferrersCopied > 0 ? $"{count} ({item.ReferrersCopied} copied)" : $"{count}") : "");
        }
        console.Write(table);

        ReportFooter.WriteProblems(console, problems);
        var counts = report.Counts;
        console.MarkupLine(Markup.Escape(
            $"{Words.Count(report.Items.Count, "image")}: {counts[WarmStatus.Imported]} imported, {counts[WarmStatus.Present]} present, {counts[WarmStatus.Drifted]} drifted, {counts[WarmStatus.Kept]} kept, "
            + $"{counts[WarmStatus.SourceMissing]} source-missing, {counts[WarmStatus.Failed]} failed, {counts[WarmStatus.Deferred]} deferred; "
            + $"{Size(report.Items.Sum(i => i.Bytes))} copied"));
        ReportFooter.WriteTraffic(console, report.Traffic);
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes} B",
    };
}
