using System.CommandLine;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core.Planning;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Commands;

/// <summary><c>imagewarmer plan --manifests &lt;path|blob&gt; --registry &lt;host&gt;</c>: what is missing or drifted in
/// the target registry, and what finding out cost upstream. Changes nothing. Exit 2 when anything needs work.</summary>
internal static class PlanCommand
{
    public static Command Create(CliContext context)
    {
        var concurrency = new Option<int?>("--concurrency") { Description = "Images planned at once (default 16)" };
        var command = new Command("plan", "Show which images the target registry lacks or holds stale; changes nothing")
        {
            TargetedRun.Manifests, TargetedRun.Registry, concurrency, CommonOptions.Json, CommonOptions.SourceRegistry, CommonOptions.TargetPrefix,
        };
        command.SetAction(async (parseResult, cancellationToken) => await context.GuardAsync(async () =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parseResult.GetValue(concurrency) is { } limit)
            {
                overrides[$"{PlanningOptions.SectionName}:MaxConcurrency"] = TargetedRun.Invariant(limit);
            }
            await using var run = await TargetedRun.StartAsync(context, parseResult, overrides, cancellationToken);
            var plan = await run.Services.GetRequiredService<WarmPlanner>().PlanAsync(run.Scan.Images, run.TargetRegistry, cancellationToken);

            if (parseResult.GetValue(CommonOptions.Json))
            {
                await context.Output.WriteLineAsync(PlanJson.From(plan, run.Scan.Problems).Serialize());
            }
            else
            {
                PlanTable.Write(context.Console, run.TargetRegistry, plan, run.Scan.Problems);
            }
            return plan.AllPresent && run.Scan.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.Attention;
        }));
        return command;
    }
}
