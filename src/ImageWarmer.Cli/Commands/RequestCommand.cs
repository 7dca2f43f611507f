using System.CommandLine;
using ImageWarmer.Core.Storage;
using ImageWarmer.Core.Warming;
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
        command.SetAction(async (parseResult, cancellationToken) => await context.GuardAsync(async () =>
        {
            await using var services = context.BuildServices(parseResult);
            var request = new WarmRequest(WarmRequest.CurrentVersion, parseResult.GetRequiredValue(image), parseResult.GetValue(Target),
                parseResult.GetValue(requestedBy) ?? DefaultRequester(), parseResult.GetValue(force));
            var (id, target) = await EnqueueAsync(services, request, cancellationToken);
            await context.Output.WriteLineAsync($"requested {request.Source} -> {target}: message {id} on queue {services.GetRequiredService<WarmQueue>().Name}");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Checks the request as the queue function will (so a bad one fails here, not there) and enqueues it.</summary>
    public static async Task<(string MessageId, string Target)> EnqueueAsync(IServiceProvider services, WarmRequest request, CancellationToken cancellationToken)
    {
        if (!services.GetRequiredService<WarmRequestReader>().TryToSpec(request, out var spec, out var reason))
        {
            throw new InvalidOperationException(reason);
        }
        var id = await services.GetRequiredService<WarmQueue>().EnqueueAsync(request, cancellationToken: cancellationToken);
        return (id, spec.Target.ToString());
    }

    public static string DefaultRequester() =>
        Environment.GetEnvironmentVariable("BUILD_BUILDID") is { Length: > 0 } build ? $"pipeline run {build}"
        : Environment.GetEnvironmentVariable("GITHUB_RUN_ID") is { Length: > 0 } run ? $"workflow run {run}"
        : $"{Environment.UserName}@{Environment.MachineName}";
}
