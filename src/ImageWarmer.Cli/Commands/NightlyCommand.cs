using System.CommandLine;
using ImageWarmer.Cli.Options;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core.Operations.Nightly;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Commands;

/// <summary><c>imagewarmer nightly</c>: the timer function's run, once: plan the snapshot (default <c>blob:</c>),
/// enqueue a warm request per image that needs work, write the run report.</summary>
internal static class NightlyCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("nightly", "Run the nightly warm-up once, as the timer function does (plan the snapshot, enqueue what needs work)");
        IReadOnlyList<OptionGroup> groups = [ManifestOptionGroup.Instance, LockOptionGroup.Instance, TargetOptionGroup.Instance, RegistryOptionGroup.Instance];
        foreach (var group in groups)
        {
            group.AttachTo(command);
        }
        command.Validators.Add(result =>
        {
            if (ManifestOptionGroup.Instance.Locations(result).Count > 1)
            {
                result.AddError("nightly reads one snapshot: name one --manifests (default blob:)");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = context.BuildWorkerServices(parseResult, groups);
            var (report, location) = await services.GetRequiredService<NightlyOperation>().RunAsync(
                new NightlyRequest(ManifestOptionGroup.Instance.Locations(parseResult).FirstOrDefault() ?? "blob:", parseResult.GetValue(TargetOptionGroup.Instance.Registry))
                {
                    LockFile = parseResult.GetValue(LockOptionGroup.Instance.Lock),
                },
                cancellationToken);
            if (CliContext.Json(parseResult))
            {
                await context.WriteJsonAsync(NightlyJson.Serialize(report, location));
                return ExitCodes.Success;
            }
            await context.Output.WriteLineAsync(
                $"nightly run {report.RunId}: {Words.Count(report.Items.Count, "image")} in {report.Snapshot}, {report.Enqueued.Count} enqueued, {report.Warmed.Count} warmed by the run, "
                + $"{Words.Count(report.Problems.Count, "manifest problem")}; report {location}");
            foreach (var (host, cost) in report.Upstream.OrderBy(u => u.Key, StringComparer.Ordinal))
            {
                await context.Output.WriteLineAsync($"{host}: {cost.Requests} requests, {cost.Pulls} pulls");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
