using System.CommandLine;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core.Operations.SnapshotPush;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Commands;

/// <summary><c>imagewarmer snapshot push &lt;dir&gt;</c>: upload the manifests snapshot the nightly run reads.</summary>
internal static class SnapshotCommand
{
    public static Command Create(CliContext context)
    {
        var directory = new Argument<string>("dir") { Description = "The repository folder to snapshot" };
        var commit = new Option<string?>("--commit")
        {
            Description = "Commit the snapshot was taken at (default: $BUILD_SOURCEVERSION or $GITHUB_SHA)",
        };
        var push = new Command("push", "Pack the manifests of a folder into a .tar.gz and upload it in one blob write") { directory, commit };
        push.SetAction(async (parseResult, cancellationToken) =>
        {
            var sha = parseResult.GetValue(commit) ?? Environment.GetEnvironmentVariable("BUILD_SOURCEVERSION") ?? Environment.GetEnvironmentVariable("GITHUB_SHA");
            await using var services = context.BuildServices(parseResult);
            var result = await services.GetRequiredService<SnapshotPushOperation>().RunAsync(
                new SnapshotPushRequest(parseResult.GetRequiredValue(directory), sha), cancellationToken);
            if (CliContext.Json(parseResult))
            {
                await context.WriteJsonAsync(SnapshotJson.Serialize(result));
            }
            else
            {
                foreach (var failed in result.Failed)
                {
                    await context.Error.WriteLineAsync($"not packed: {failed.Path}: {failed.Error}");
                }
                await context.Output.WriteLineAsync($"pushed {Words.Count(result.Files, "manifest file")} ({result.Bytes:N0} bytes) to {result.Location}");
            }
            return result.Failed.Count == 0 ? ExitCodes.Success : ExitCodes.Attention;
        });
        return new Command("snapshot", "Manage the manifests snapshot in Blob storage") { push };
    }
}
