using System.CommandLine;
using ImageWarmer.Cli.Options;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Operations.Lock;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Commands;

/// <summary><c>imagewarmer lock &lt;path&gt;… --registry &lt;acr&gt; [--lock FILE]</c>: write the lock file (<c>--lock</c>, the one
/// found in or above the folders, or <c>&lt;path&gt;/imagewarmer.lock.json</c>) from the digests the registry holds for every
/// image the manifests declare. Refuses (exit 2, nothing written) while the registry lacks any of them.</summary>
internal static class LockCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string[]>("path")
        {
            Description = "The manifests folders (the same as --manifests); the lock is the one found in or above them, else written at the root of the one",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("lock", $"Write {LockFile.FileName} from the digests the target registry holds") { path };
        IReadOnlyList<OptionGroup> groups = [ManifestOptionGroup.Instance, LockOptionGroup.Instance, TargetOptionGroup.Instance, RegistryOptionGroup.Instance];
        foreach (var group in groups)
        {
            group.AttachTo(command);
        }
        command.Validators.Add(result =>
        {
            if (ManifestOptionGroup.Instance.Locations(result, path).Count == 0)
            {
                result.AddError("name the manifests folders to lock: lock <path>… or lock --manifests <path>");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = context.BuildServices(parseResult, groups);
            var result = await services.GetRequiredService<LockOperation>().RunAsync(
                new LockRequest(ManifestOptionGroup.Instance.Locations(parseResult, path), parseResult.GetValue(TargetOptionGroup.Instance.Registry))
                {
                    LockFile = parseResult.GetValue(LockOptionGroup.Instance.Lock),
                },
                cancellationToken);
            if (CliContext.Json(parseResult))
            {
                await context.WriteJsonAsync(LockJson.Serialize(result));
            }
            else if (result.Path is { } written)
            {
                await context.Output.WriteLineAsync($"locked {Words.Count(result.Lock.Images.Count, "image")} at the digests {result.Lock.Registry} holds: {written}");
            }
            else
            {
                foreach (var missing in result.Missing)
                {
                    await context.Error.WriteLineAsync($"{missing.Source.Familiar} is missing from {result.Lock.Registry} (as {missing.Target}): not locked");
                }
                ReportFooter.WriteProblems(context.Console, result.Problems);
                await context.Error.WriteLineAsync($"nothing written: a lock must pin every declared image (warm them first, or fix the manifests)");
            }
            return result.Path is null ? ExitCodes.Attention : ExitCodes.Success;
        });
        return command;
    }
}
