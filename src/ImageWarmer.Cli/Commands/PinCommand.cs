using System.CommandLine;
using ImageWarmer.Cli.Options;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core.Operations.Pin;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Commands;

/// <summary><c>imagewarmer pin &lt;path&gt; [--registry &lt;acr&gt;] [--dry-run]</c>: write into every declaration the
/// digest the registry holds, changing only that token, and print the unified diff. Exit 2 when a declaration was not
/// touched (the registry lacks the image, it comes from a build argument…) or the manifests had problems.</summary>
internal static class PinCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string[]>("path")
        {
            Description = "The manifests folders whose declarations get digests (the same as --manifests)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the diff; write nothing" };
        var command = new Command("pin", "Write the digests the target registry holds into the manifests' declarations") { path, dryRun };
        IReadOnlyList<OptionGroup> groups = [ManifestOptionGroup.Instance, TargetOptionGroup.Instance, RegistryOptionGroup.Instance];
        foreach (var group in groups)
        {
            group.AttachTo(command);
        }
        command.Validators.Add(result =>
        {
            if (ManifestOptionGroup.Instance.Locations(result, path).Count == 0)
            {
                result.AddError("name the manifests folders to pin: pin <path>… or pin --manifests <path>");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = context.BuildServices(parseResult, groups);
            var result = await services.GetRequiredService<PinOperation>().RunAsync(
                new PinRequest(ManifestOptionGroup.Instance.Locations(parseResult, path), parseResult.GetValue(TargetOptionGroup.Instance.Registry), parseResult.GetValue(dryRun)),
                cancellationToken);
            if (CliContext.Json(parseResult))
            {
                await context.WriteJsonAsync(PinJson.From(result).Serialize());
            }
            else
            {
                await PinLines.WriteAsync(context, result);
            }
            return result.AllPinned ? ExitCodes.Success : ExitCodes.Attention;
        });
        return command;
    }
}
