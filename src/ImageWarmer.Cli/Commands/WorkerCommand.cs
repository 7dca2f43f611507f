using System.CommandLine;
using ImageWarmer.Cli.Options;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core.Operations.Drain;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Commands;

/// <summary><c>imagewarmer worker [--once]</c>: drains the warm-request queue with the queue function's handler (local
/// debugging without Core Tools, and operators). It imports, so it takes the import options and the target registry.</summary>
internal static class WorkerCommand
{
    public static Command Create(CliContext context)
    {
        var once = new Option<bool>("--once") { Description = "Stop when the queue is empty (default: keep polling until Ctrl+C)" };
        var command = new Command("worker", "Handle warm requests from the queue, as the queue function does") { once };
        IReadOnlyList<OptionGroup> groups = [TargetOptionGroup.Instance, RegistryOptionGroup.Instance, ImportOptionGroup.Instance];
        foreach (var group in groups)
        {
            group.AttachTo(command);
        }
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = context.BuildWorkerServices(parseResult, groups);
            var drain = services.GetRequiredService<DrainOperation>();
            if (parseResult.GetValue(once))
            {
                await WriteAsync(context, parseResult, await drain.RunAsync(new DrainRequest(), cancellationToken));
                return ExitCodes.Success;
            }
            await drain.WorkAsync(new DrainRequest(), (handled, _) => WriteAsync(context, parseResult, handled), cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteAsync(CliContext context, ParseResult parseResult, IReadOnlyList<DrainedMessage> handled)
    {
        if (CliContext.Json(parseResult))
        {
            await context.WriteJsonAsync(WorkerJson.Serialize(handled));
            return;
        }
        foreach (var message in handled)
        {
            await context.Output.WriteLineAsync($"{message.MessageId}: {message.Result}");
        }
    }
}
