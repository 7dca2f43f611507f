using System.CommandLine;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Commands;

/// <summary><c>imagewarmer scan &lt;path&gt;</c>: what the manifests declare. Exit 2 when some input had problems.</summary>
internal static class ScanCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("path") { Description = "A folder, a .tar.gz snapshot, or blob:container/name" };
        var command = new Command("scan", "List the public images the manifests declare, where, and their ACR names")
        {
            path, CommonOptions.Json, CommonOptions.SourceRegistry, CommonOptions.TargetPrefix,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var location = parseResult.GetRequiredValue(path);
            return await context.GuardAsync(async () =>
            {
                await using var services = context.BuildServices(parseResult);
                var source = services.GetRequiredService<SnapshotSources>().Open(location);
                var result = await services.GetRequiredService<ManifestScanner>().ScanAsync(source, cancellationToken);
                if (parseResult.GetValue(CommonOptions.Json))
                {
                    await context.Output.WriteLineAsync(ScanJson.From(result).Serialize());
                }
                else
                {
                    ScanTable.Write(context.Console, location, result);
                }
                return result.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.Attention;
            });
        });
        return command;
    }
}
