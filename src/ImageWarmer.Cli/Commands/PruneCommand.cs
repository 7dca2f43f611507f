using System.CommandLine;
using ImageWarmer.Cli.Options;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Operations.Prune;
using ImageWarmer.Core.Retention;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Commands;

/// <summary><c>imagewarmer prune [--older-than 30d] [--apply]</c>: the tags ImageWarmer created that no manifest has
/// declared for longer than the window, listed (the default) or deleted from the target. With <c>--manifests</c> it reads
/// what is declared now; without, the ledger's last complete declaration run must be recent. Exit 2 when a deletion
/// failed, or when the declarations were not fresh (one line on stderr: nothing was deleted).</summary>
internal static class PruneCommand
{
    public static Command Create(CliContext context)
    {
        var olderThan = new Option<string?>("--older-than")
        {
            Description = "How long a tag may go undeclared before it goes: 30d, 12h (default: ImageWarmer:Retention:After, else 30d)",
        };
        olderThan.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && (!EnsureCommand.TryParseDuration(text, out var window) || window <= TimeSpan.Zero))
            {
                result.AddError($"--older-than expects a positive duration such as 30d or 12h, not '{text}'");
            }
        });
        var apply = new Option<bool>("--apply") { Description = "Delete the tags from the target registry (default: only list them)" };
        var command = new Command("prune", "List (or, with --apply, delete) the tags ImageWarmer created that no manifest declares any more") { olderThan, apply };
        IReadOnlyList<OptionGroup> groups = [TargetOptionGroup.Instance, RegistryOptionGroup.Instance, ManifestOptionGroup.Instance];
        foreach (var group in groups)
        {
            group.AttachTo(command);
        }
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = context.BuildServices(parseResult, groups);
            TimeSpan? window = parseResult.GetValue(olderThan) is { } text && EnsureCommand.TryParseDuration(text, out var parsed) ? parsed : null;
            var result = await services.GetRequiredService<PruneOperation>().RunAsync(
                new PruneRequest(parseResult.GetValue(TargetOptionGroup.Instance.Registry), window, parseResult.GetValue(apply),
                    ManifestOptionGroup.Instance.Locations(parseResult)), cancellationToken);
            if (result.Refusal is { } refusal)
            {
                await context.Error.WriteLineAsync($"{refusal} (option: {OptionHints.For(UserInput.Manifests)})");
                return ExitCodes.Attention;
            }
            if (CliContext.Json(parseResult))
            {
                await context.WriteJsonAsync(PruneJson.From(result).Serialize());
            }
            else
            {
                PruneTable.Write(context.Console, result);
            }
            return result.Counts[PruneAction.Failed] == 0 ? ExitCodes.Success : ExitCodes.Attention;
        });
        return command;
    }
}
