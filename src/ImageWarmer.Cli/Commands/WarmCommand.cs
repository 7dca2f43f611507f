using System.CommandLine;
using ImageWarmer.Cli.Options;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core.Operations;
using ImageWarmer.Core.Operations.Warm;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Commands;

/// <summary><c>imagewarmer warm --manifests &lt;path|blob&gt; --registry &lt;host&gt;</c>: import what the target lacks.
/// Exit 2 when anything is not in the target afterwards (failed, deferred, source-missing, drifted and reported).</summary>
internal static class WarmCommand
{
    public static Command Create(CliContext context)
    {
        var command = RunVerb.Create("warm", "Import the images the target registry lacks");
        ImportOptionGroup.Instance.AttachTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = context.BuildImportingServices(parseResult, [.. RunVerb.Groups, ImportOptionGroup.Instance]);
            var warm = services.GetRequiredService<WarmOperation>();
            var options = RunVerb.WarmRequest(parseResult);
            var json = CliContext.Json(parseResult);
            var result = json || !context.IsTerminal
                ? await warm.RunAsync(options, null, cancellationToken)
                : await WarmProgress.ShowAsync(context.Console, progress => warm.RunAsync(options, progress, cancellationToken));
            if (json)
            {
                await context.WriteJsonAsync(WarmJson.From(result.Report, result.Scan.Problems).Serialize());
            }
            else
            {
                WarmTable.Write(context.Console, result.TargetRegistry, result.Report, result.Scan.Problems);
            }
            return result.AllWell ? ExitCodes.Success : ExitCodes.Attention;
        });
        return command;
    }
}
