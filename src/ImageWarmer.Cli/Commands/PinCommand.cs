using System.CommandLine;
using ImageWarmer.Cli.Options;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core.Operations.Pin;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Commands;

/// <summary><c>imagewarmer pin &lt;path&gt; [--registry &lt;acr&gt; | --lock FILE] [--dry-run]</c>: write into every declaration
/// the digest the registry holds (or, with <c>--lock</c>, the lock file holds: no registry asked), changing only that
/// token, and print the unified diff. Exit 2 when a declaration was not touched (the registry lacks the image, it comes
/// from a build argument…) or the manifests had problems.</summary>
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
        // Its own --lock, not LockOptionGroup's: here the lock is not found by itself, and it replaces the registry.
        var lockFile = new Option<string?>("--lock") { Description = "Write the digests this lock file holds (no registry is asked) instead of the target registry's" };
        var command = new Command("pin", "Write the digests the target registry (or a lock file) holds into the manifests' declarations") { path, dryRun, lockFile };
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
                new PinRequest(ManifestOptionGroup.Instance.Locations(parseResult, path), parseResult.GetValue(TargetOptionGroup.Instance.Registry), parseResult.GetValue(dryRun))
                {
                    LockFile = parseResult.GetValue(lockFile),
                },
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
