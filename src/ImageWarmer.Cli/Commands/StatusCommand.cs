using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Operations.Status;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ImageWarmer.Cli.Commands;

/// <summary><c>imagewarmer status [&lt;image&gt;]</c>: the status ledger, all of it or one image's row.</summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var image = new Argument<string?>("image") { Description = "One image (its ACR name is derived as for requests)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("status", "Show the status ledger") { image, RequestCommand.Target };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = context.BuildServices(parseResult);
            var rows = await services.GetRequiredService<StatusOperation>().RunAsync(
                new StatusRequest(parseResult.GetValue(image), parseResult.GetValue(RequestCommand.Target)), cancellationToken);
            if (CliContext.Json(parseResult))
            {
                await context.WriteJsonAsync(JsonSerializer.Serialize(rows.ToList(), CliJsonContext.Default.ListLedgerEntry));
            }
            else if (rows.Count == 0 && parseResult.GetValue(image) is { } named)
            {
                await context.Error.WriteLineAsync(
                    $"no ledger row for {named}: ImageWarmer has not recorded it yet (the nightly run, 'warm', 'request' and 'worker' do)");
            }
            else
            {
                var table = new Table().Border(TableBorder.Rounded).Title("Status ledger")
                    .AddColumn("ACR target").AddColumn("Source").AddColumn("Last result").AddColumn("Checked").AddColumn(new TableColumn("Attempts").RightAligned())
                    .AddColumn("Requested by").AddColumn("Error");
                foreach (var row in rows)
                {
                    table.AddRow(Markup.Escape(row.Target), Markup.Escape(row.Source ?? ""), Markup.Escape(row.LastResult?.ToText() ?? ""),
                        Markup.Escape(row.LastChecked?.ToString("u", CultureInfo.InvariantCulture) ?? ""),
                        row.Attempts.ToString(CultureInfo.InvariantCulture), Inert.Markup(row.RequestedBy), Inert.Markup(row.Error));
                }
                context.Console.Write(table);
            }
            return rows.Count > 0 ? ExitCodes.Success : ExitCodes.Attention;
        });
        return command;
    }
}
