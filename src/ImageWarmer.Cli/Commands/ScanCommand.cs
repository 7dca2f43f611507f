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
        var json = new Option<bool>("--json") { Description = "Print the DESIGN.md JSON contract instead of a table" };
        var sourceRegistries = new Option<string[]>("--source-registry")
        {
            Description = "A registry whose images are warmed (repeatable; default docker.io)",
            AllowMultipleArgumentsPerToken = false,
        };
        var targetPrefix = new Option<string?>("--target-prefix") { Description = "Repository prefix for derived ACR names" };
        var command = new Command("scan", "List the public images the manifests declare, where, and their ACR names")
        {
            path, json, sourceRegistries, targetPrefix,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var overrides = new List<KeyValuePair<string, string?>>();
            var registries = parseResult.GetValue(sourceRegistries) ?? [];
            overrides.AddRange(registries.Select((r, i) => KeyValuePair.Create($"{DiscoveryOptions.SectionName}:AllowedSourceRegistries:{i}", (string?)r)));
            if (parseResult.GetValue(targetPrefix) is { } prefix)
            {
                overrides.Add(new($"{DiscoveryOptions.SectionName}:TargetPrefix", prefix));
            }
            var location = parseResult.GetRequiredValue(path);
            return await context.GuardAsync(async () =>
            {
                await using var services = context.BuildServices(parseResult, overrides);
                var source = services.GetRequiredService<SnapshotSources>().Open(location);
                var result = await services.GetRequiredService<ManifestScanner>().ScanAsync(source, cancellationToken);
                if (parseResult.GetValue(json))
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
