using System.CommandLine;
using ImageWarmer.Core.Warming;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Commands;

/// <summary><c>imagewarmer nightly</c>: the timer function's run, once: plan the snapshot blob, enqueue a warm request
/// per image that needs work, write the run report.</summary>
internal static class NightlyCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("nightly", "Run the nightly warm-up once, as the timer function does (plan the snapshot, enqueue what needs work)");
        command.SetAction(async (parseResult, cancellationToken) => await context.GuardAsync(async () =>
        {
            await using var services = context.BuildServices(parseResult);
            var (report, location) = await services.GetRequiredService<NightlyWarmupJob>().RunAsync(cancellationToken);
            await context.Output.WriteLineAsync(
                $"nightly run {report.RunId}: {report.Items.Count} images in {report.Snapshot}, {report.Enqueued.Count} enqueued, "
                + $"{report.Problems.Count} manifest problems; report {location}");
            foreach (var (host, cost) in report.Upstream.OrderBy(u => u.Key, StringComparer.Ordinal))
            {
                await context.Output.WriteLineAsync($"{host}: {cost.Requests} requests, {cost.Pulls} pulls");
            }
            return ExitCodes.Success;
        }));
        return command;
    }
}
