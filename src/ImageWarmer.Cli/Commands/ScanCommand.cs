using System.CommandLine;
using ImageWarmer.Cli.Options;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core.Operations.Scan;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Commands;

/// <summary><c>imagewarmer scan --manifests &lt;path|blob&gt;</c> (or <c>scan &lt;path&gt;</c>): what the manifests declare.
/// Exit 2 when some manifests had problems.</summary>
internal static class ScanCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string[]>("path")
        {
            Description = "The manifests (the same as --manifests): folders, .tar.gz snapshots, or blob:…",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var manifests = ManifestOptionGroup.Instance;
        var command = new Command("scan", "List the images the manifests declare, with their ACR names and where they are declared") { path };
        manifests.AttachTo(command);
        LockOptionGroup.Instance.AttachTo(command);
        command.Validators.Add(result =>
        {
            if (manifests.Locations(result, path).Count == 0)
            {
                result.AddError("name the manifests: scan <path>… or scan --manifests <path>");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var locations = manifests.Locations(parseResult, path);
            await using var services = context.BuildServices(parseResult, manifests);
            var result = await services.GetRequiredService<ScanOperation>().RunAsync(
                new ScanRequest(locations) { LockFile = parseResult.GetValue(LockOptionGroup.Instance.Lock) }, cancellationToken);
            if (CliContext.Json(parseResult))
            {
                await context.WriteJsonAsync(ScanJson.From(result).Serialize());
            }
            else
            {
                ScanTable.Write(context.Console, string.Join(", ", locations), result);
            }
            return result.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.Attention;
        });
        return command;
    }
}
