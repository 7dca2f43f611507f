using System.Globalization;
using ImageWarmer.Core.Operations;
using ImageWarmer.Core.Operations.Prune;
using ImageWarmer.Core.Retention;
using Spectre.Console;

namespace ImageWarmer.Cli.Output;

/// <summary>The readable form of a prune: one row per ledger row's tag, then the counts.</summary>
internal static class PruneTable
{
    public static void Write(IAnsiConsole console, PruneResult result)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{(result.Applied ? "Pruned" : "Would prune")} {Markup.Escape(result.TargetRegistry)} (undeclared for {result.OlderThan.TotalDays:0.###} days)")
            .AddColumn("ACR target").AddColumn("Action").AddColumn("Why").AddColumn("Last declared or imported");
        foreach (var item in result.Items)
        {
            var action = item.Action switch
            {
                PruneAction.Deleted or PruneAction.WouldDelete => $"[yellow]{PruneJson.Name(item.Action)}[/]",
                PruneAction.Failed => "[red]failed[/]",
                _ => PruneJson.Name(item.Action),
            };
            table.AddRow(Markup.Escape(item.Target), action, Inert.Markup(item.Reason), item.LastSeen?.ToString("u", CultureInfo.InvariantCulture) ?? "");
        }
        console.Write(table);
        var counts = result.Counts;
        console.MarkupLine(Markup.Escape(
            $"{Words.Count(result.Items.Count, "ledger row")}: {counts[PruneAction.Deleted]} deleted, {counts[PruneAction.WouldDelete]} to delete, {counts[PruneAction.Kept]} kept, "
            + $"{counts[PruneAction.Gone]} gone already, {counts[PruneAction.Failed]} failed{(result.Applied ? "" : " (dry run: --apply deletes)")}"));
    }
}
