using System.CommandLine;
using ImageWarmer.Cli.Options;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core.Mirroring;
using ImageWarmer.Core.Operations.Mirror;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Commands;

/// <summary><c>imagewarmer mirror --registry &lt;acr&gt; --format &lt;client&gt; [--manifests …] [--output PATH] [--strict]</c>:
/// the client configuration that makes the registry the mirror of Docker Hub and of every source registry the
/// manifests declare. Without <c>--output</c> a one-file format is printed. Exit 1 when the format cannot say what is
/// asked; 2 when written but a source or image stays out of the mirror's reach.</summary>
internal static class MirrorCommand
{
    private static readonly Option<string> Format = new("--format")
    {
        Description = $"The client's configuration: {string.Join(", ", MirrorFormats.Names)}",
        Required = true,
    };

    private static readonly Option<string?> Output = new("--output")
    {
        Description = "Where to write: the file, or for hosts.toml the certs.d folder (default: print the file)",
    };

    private static readonly Option<bool> Strict = new("--strict")
    {
        Description = "A miss fails instead of reaching the source registry (registries.conf and hosts.toml only)",
    };

    public static Command Create(CliContext context)
    {
        Format.AcceptOnlyFromAmong([.. MirrorFormats.Names]);
        var command = new Command("mirror", "Write the configuration that makes build tools read the source registries' images from the target registry first")
        {
            Format, Output, Strict,
        };
        IReadOnlyList<OptionGroup> groups = [ManifestOptionGroup.Instance, TargetOptionGroup.Instance, RegistryOptionGroup.Instance];
        foreach (var group in groups)
        {
            group.AttachTo(command);
        }
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = context.BuildServices(parseResult, groups);
            var result = await services.GetRequiredService<MirrorOperation>().RunAsync(new MirrorRequest(
                parseResult.GetRequiredValue(Format),
                parseResult.GetValue(TargetOptionGroup.Instance.Registry),
                ManifestOptionGroup.Instance.Locations(parseResult),
                parseResult.GetValue(Output),
                parseResult.GetValue(Strict)), cancellationToken);
            if (CliContext.Json(parseResult))
            {
                await context.WriteJsonAsync(MirrorJson.Serialize(result));
            }
            else
            {
                await MirrorLines.WriteAsync(context, result);
            }
            return result.NeedsAttention ? ExitCodes.Attention : ExitCodes.Success;
        });
        return command;
    }
}
