using System.CommandLine;
using System.Globalization;
using ImageWarmer.Cli.Options;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core.Operations;
using ImageWarmer.Core.Operations.Plan;
using ImageWarmer.Core.Planning;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Commands;

/// <summary><c>imagewarmer plan --manifests &lt;path|blob&gt; --registry &lt;host&gt;</c>: what is missing or drifted in
/// the target registry, and what finding out cost upstream. Changes nothing. Exit 2 when anything needs work.</summary>
internal static class PlanCommand
{
    public static Command Create(CliContext context)
    {
        var concurrency = ImportOptionGroup.Positive(new Option<int?>("--concurrency") { Description = "Images planned at once (default 16)" });
        var command = RunVerb.Create("plan", "Show which images the target registry lacks or holds stale; changes nothing");
        command.Options.Add(concurrency);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var overrides = parseResult.GetValue(concurrency) is { } limit
                ? new Dictionary<string, string?> { [$"{PlanningOptions.SectionName}:MaxConcurrency"] = limit.ToString(CultureInfo.InvariantCulture) }
                : [];
            await using var services = context.BuildServices(parseResult, [.. RunVerb.Groups, new SettingsGroup(overrides)]);
            var result = await services.GetRequiredService<PlanOperation>().RunAsync(RunVerb.PlanRequest(parseResult), cancellationToken);
            if (CliContext.Json(parseResult))
            {
                await context.WriteJsonAsync(PlanJson.From(result.Plan, result.Scan.Problems).Serialize());
            }
            else
            {
                PlanTable.Write(context.Console, result.TargetRegistry, result.Plan, result.Scan.Problems);
            }
            return result.AllWell ? ExitCodes.Success : ExitCodes.Attention;
        });
        return command;
    }
}
