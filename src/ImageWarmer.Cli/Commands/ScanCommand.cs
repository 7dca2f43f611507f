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
        var path = new Argument<string?>("path")
        {
            Description = "The manifests (the same as --manifests): a folder, a .tar.gz, or blob:…",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var manifests = ManifestOptionGroup.Instance;
        var command = new Command("scan", "List the images the manifests declare, with their ACR names and where they are declared") { path };
        manifests.AttachTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(path) is null == result.GetValue(manifests.Manifests) is null)
            {
                result.AddError("name the manifests once: scan <path> or scan --manifests <path>");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var location = parseResult.GetValue(path) ?? parseResult.GetRequiredValue(manifests.Manifests)!;
            await using var services = context.BuildServices(parseResult, manifests);
            var result = await services.GetRequiredService<ScanOperation>().RunAsync(new ScanRequest(location), cancellationToken);
            if (CliContext.Json(parseResult))
            {
                await context.WriteJsonAsync(ScanJson.From(result).Serialize());
            }
            else
            {
                ScanTable.Write(context.Console, location, result);
            }
            return result.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.Attention;
        });
        return command;
    }
}
