using System.CommandLine;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core.Operations;
using ImageWarmer.Core.Operations.Request;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Commands;

/// <summary><c>imagewarmer request &lt;image&gt; [--target repo:tag]</c>: enqueue a v1 warm request for the queue function.</summary>
internal static class RequestCommand
{
    public static readonly Option<string?> Target = new("--target") { Description = "Its ACR name, repository[:tag] (default: derived from the image)" };

    public static Command Create(CliContext context)
    {
        var image = new Argument<string>("image") { Description = "The public image, e.g. docker.io/sonatype/nexus3:3.77.2" };
        var requestedBy = new Option<string?>("--requested-by") { Description = "Who asks (default: $BUILD_BUILDID / $GITHUB_RUN_ID or the user)" };
        var force = new Option<bool>("--force") { Description = "Re-import even if the target's tag drifted from upstream" };
        var command = new Command("request", "Ask the Functions app to warm one image (enqueue a warm request)") { image, Target, requestedBy, force };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = context.BuildServices(parseResult);
            var result = await services.GetRequiredService<RequestOperation>().RunAsync(
                new ImageRequest(parseResult.GetRequiredValue(image), parseResult.GetValue(Target),
                    parseResult.GetValue(requestedBy) ?? Requester.Default(), parseResult.GetValue(force)),
                cancellationToken);
            await (CliContext.Json(parseResult)
                ? context.WriteJsonAsync(MessageJson.Serialize(result))
                : context.Output.WriteLineAsync(
                    $"requested {parseResult.GetRequiredValue(image)} -> {result.Target}: message {result.MessageId} on queue {result.Queue}"));
            return ExitCodes.Success;
        });
        return command;
    }
}
