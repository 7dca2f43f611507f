using System.CommandLine;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core.Importing;
using ImageWarmer.Core.Importing.Acr;
using ImageWarmer.Core.Warming;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Commands;

/// <summary><c>imagewarmer warm --manifests &lt;path|blob&gt; --registry &lt;host&gt;</c>: import what the target lacks.
/// Exit 2 when anything is not in the target afterwards (failed, deferred, source-missing, drifted and reported).</summary>
internal static class WarmCommand
{
    public static Command Create(CliContext context)
    {
        var importer = new Option<string?>("--importer") { Description = "oci-copy (any registry) or acr-import (ACR's server-side import)" };
        importer.AcceptOnlyFromAmong(OciCopyImporter.ImporterName, AcrImportImporter.ImporterName);
        var drift = new Option<DriftPolicy?>("--drift") { Description = "Report (default) or Reimport floating tags that moved upstream" };
        var concurrency = new Option<int?>("--concurrency") { Description = "Imports at once (default 4)" };
        var command = new Command("warm", "Import the images the target registry lacks")
        {
            TargetedRun.Manifests, TargetedRun.Registry, importer, drift, concurrency,
            CommonOptions.Json, CommonOptions.SourceRegistry, CommonOptions.TargetPrefix,
        };
        command.SetAction(async (parseResult, cancellationToken) => await context.GuardAsync(async () =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parseResult.GetValue(importer) is { } name)
            {
                overrides[$"{WarmingOptions.SectionName}:Importer"] = name;
            }
            if (parseResult.GetValue(drift) is { } policy)
            {
                overrides[$"{WarmingOptions.SectionName}:DriftPolicy"] = policy.ToString();
            }
            if (parseResult.GetValue(concurrency) is { } limit)
            {
                overrides[$"{WarmingOptions.SectionName}:MaxConcurrentImports"] = TargetedRun.Invariant(limit);
            }
            await using var run = await TargetedRun.StartAsync(context, parseResult, overrides, cancellationToken);
            var warm = run.Services.GetRequiredService<WarmService>();
            var json = parseResult.GetValue(CommonOptions.Json);

            var report = json || !context.IsTerminal
                ? await warm.WarmAsync(run.Scan.Images, run.TargetRegistry, null, cancellationToken: cancellationToken)
                : await WarmProgress.ShowAsync(context.Console, progress => warm.WarmAsync(run.Scan.Images, run.TargetRegistry, progress, cancellationToken: cancellationToken));

            if (json)
            {
                await context.Output.WriteLineAsync(WarmJson.From(report, run.Scan.Problems).Serialize());
            }
            else
            {
                WarmTable.Write(context.Console, run.TargetRegistry, report, run.Scan.Problems);
            }
            return report.AllPresent && run.Scan.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.Attention;
        }));
        return command;
    }
}
