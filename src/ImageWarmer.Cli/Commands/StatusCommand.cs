using System.CommandLine;
using System.Text.Json;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core.Storage;
using ImageWarmer.Core.Warming;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ImageWarmer.Cli.Commands;

/// <summary><c>imagewarmer status [&lt;image&gt;]</c>: the status ledger, all of it or one image's row.</summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var image = new Argument<string?>("image") { Description = "One image (its ACR name is derived as for requests)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("status", "Show the status ledger") { image, RequestCommand.Target, CommonOptions.Json };
        command.SetAction(async (parseResult, cancellationToken) => await context.GuardAsync(async () =>
        {
            await using var services = context.BuildServices(parseResult);
            var ledger = services.GetRequiredService<StatusLedger>();
            List<LedgerEntry> rows;
            if (parseResult.GetValue(image) is { } one)
            {
                var request = new WarmRequest(WarmRequest.CurrentVersion, one, parseResult.GetValue(RequestCommand.Target), null, false);
                if (!services.GetRequiredService<WarmRequestReader>().TryToSpec(request, out var spec, out var reason))
                {
                    return context.Fail(reason);
                }
                rows = await ledger.GetAsync(spec.Target.ToString(), cancellationToken) is { } row ? [row] : [];
            }
            else
            {
                rows = await ledger.ListAsync(cancellationToken).ToListAsync(cancellationToken);
            }

            if (parseResult.GetValue(CommonOptions.Json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(rows, CliJsonContext.Default.ListLedgerEntry));
            }
            else
            {
                var table = new Table().Border(TableBorder.Rounded).Title("Status ledger")
                    .AddColumn("ACR target").AddColumn("Source").AddColumn("Last result").AddColumn("Checked").AddColumn(new TableColumn("Attempts").RightAligned())
                    .AddColumn("Requested by").AddColumn("Error");
                foreach (var row in rows.OrderBy(r => r.Target, StringComparer.Ordinal))
                {
                    table.AddRow(Markup.Escape(row.Target), Markup.Escape(row.Source ?? ""), Markup.Escape(row.LastResult ?? ""),
                        Markup.Escape(row.LastChecked?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? ""),
                        row.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(row.RequestedBy ?? ""), Markup.Escape(row.Error ?? ""));
                }
                context.Console.Write(table);
            }
            return rows.Count > 0 ? ExitCodes.Success : ExitCodes.Attention;
        }));
        return command;
    }
}
