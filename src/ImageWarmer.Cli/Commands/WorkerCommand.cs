using System.CommandLine;
using ImageWarmer.Core.Warming;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Commands;

/// <summary><c>imagewarmer worker [--once]</c>: drains the warm-request queue with the queue function's handler (local
/// debugging without Core Tools, and operators).</summary>
internal static class WorkerCommand
{
    private static readonly TimeSpan LongestIdle = TimeSpan.FromSeconds(30);

    public static Command Create(CliContext context)
    {
        var once = new Option<bool>("--once") { Description = "Stop when the queue is empty (default: keep polling until Ctrl+C)" };
        var command = new Command("worker", "Handle warm requests from the queue, as the queue function does") { once };
        command.SetAction(async (parseResult, cancellationToken) => await context.GuardAsync(async () =>
        {
            await using var services = context.BuildServices(parseResult);
            var worker = services.GetRequiredService<QueueWorker>();
            var time = services.GetRequiredService<TimeProvider>();
            var idle = TimeSpan.FromSeconds(1);
            do
            {
                var handled = await worker.DrainAsync(cancellationToken);
                foreach (var (id, result) in handled)
                {
                    await context.Output.WriteLineAsync($"{id}: {result}");
                }
                if (parseResult.GetValue(once))
                {
                    return ExitCodes.Success;
                }
                // Poll like the host does: back off while the queue stays empty.
                idle = handled.Count > 0 ? TimeSpan.FromSeconds(1) : idle * 2 > LongestIdle ? LongestIdle : idle * 2;
                await Task.Delay(idle, time, cancellationToken);
            }
            while (true);
        }));
        return command;
    }
}
