using System.CommandLine;
using ImageWarmer.Cli.Options;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core.Operations.Drain;
using ImageWarmer.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Cli.Commands;

/// <summary><c>imagewarmer worker [--once]</c>: drains the warm-request queue with the queue function's handler (local
/// debugging without Core Tools, and operators). It imports, so it takes the import options and the target registry.</summary>
internal static class WorkerCommand
{
    private static readonly TimeSpan LongestIdle = TimeSpan.FromSeconds(30);

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
            var options = new DrainRequest(services.GetRequiredService<IOptions<StorageOptions>>().Value.MaxDequeueCount);
            var time = services.GetRequiredService<TimeProvider>();
            var idle = TimeSpan.FromSeconds(1);
            while (true)
            {
                var handled = await drain.RunAsync(options, cancellationToken);
                if (CliContext.Json(parseResult))
                {
                    await context.WriteJsonAsync(WorkerJson.Serialize(handled));
                }
                else
                {
                    foreach (var message in handled)
                    {
                        await context.Output.WriteLineAsync($"{message.MessageId}: {message.Result}");
                    }
                }
                if (parseResult.GetValue(once))
                {
                    return ExitCodes.Success;
                }
                // Poll like the host does: back off while the queue stays empty.
                idle = handled.Count > 0 ? TimeSpan.FromSeconds(1) : idle * 2 > LongestIdle ? LongestIdle : idle * 2;
                await Task.Delay(idle, time, cancellationToken);
            }
        });
        return command;
    }
}
