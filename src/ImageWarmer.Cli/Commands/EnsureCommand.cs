using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Warming;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Commands;

/// <summary>
/// <c>imagewarmer ensure &lt;image&gt; --registry &lt;host&gt; [--request] [--wait 10m]</c>: the pipeline preflight that
/// replaces <c>docker manifest inspect</c>. Exit 0 when the registry has the image's ACR name; otherwise says so and
/// exits 2, or with <c>--request</c> enqueues it and waits (polling with backoff) until it appears or the wait ends.
/// </summary>
internal static partial class EnsureCommand
{
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(15);

    [GeneratedRegex(@"^(\d+)(ms|s|m|h)$", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();

    public static Command Create(CliContext context)
    {
        var image = new Argument<string>("image") { Description = "The public image a pipeline is about to use" };
        var request = new Option<bool>("--request") { Description = "When missing, enqueue a warm request and wait for it" };
        var wait = new Option<string>("--wait") { Description = "How long --request waits (10m, 90s, 1h)", DefaultValueFactory = _ => "10m" };
        var command = new Command("ensure", "Check that the target registry has an image; optionally request it and wait")
        {
            image, TargetedRun.Registry, RequestCommand.Target, request, wait,
        };
        command.SetAction(async (parseResult, cancellationToken) => await context.GuardAsync(async () =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parseResult.GetValue(TargetedRun.Registry) is { } host)
            {
                overrides[$"{Core.Planning.PlanningOptions.SectionName}:TargetRegistry"] = host;
            }
            await using var services = context.BuildServices(parseResult, overrides);
            var registry = TargetedRun.CheckedTarget(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Core.Planning.PlanningOptions>>().Value.TargetRegistry);
            var warmRequest = new WarmRequest(WarmRequest.CurrentVersion, parseResult.GetRequiredValue(image), parseResult.GetValue(RequestCommand.Target),
                $"ensure by {RequestCommand.DefaultRequester()}", false);
            if (!services.GetRequiredService<WarmRequestReader>().TryToSpec(warmRequest, out var spec, out var reason))
            {
                return context.Fail(reason);
            }
            var inRegistry = ImageReference.Parse($"{registry}/{spec.Target}");
            var client = services.GetRequiredService<RegistryClient>();
            if (await client.TryResolveAsync(inRegistry, cancellationToken) is { } found)
            {
                await context.Output.WriteLineAsync($"{spec.Source.Familiar} is in {registry} as {spec.Target} ({found.Digest})");
                return ExitCodes.Success;
            }
            if (!parseResult.GetValue(request))
            {
                await context.Error.WriteLineAsync(
                    $"{spec.Source.Familiar} is missing from {registry} (as {spec.Target}): run 'imagewarmer request {spec.Source.Familiar}' or ensure --request");
                return ExitCodes.Attention;
            }

            var waitFor = ParseDuration(parseResult.GetRequiredValue(wait));
            var (id, _) = await RequestCommand.EnqueueAsync(services, warmRequest, cancellationToken);
            await context.Error.WriteLineAsync($"{spec.Source.Familiar} is missing from {registry}: requested (message {id}), waiting up to {waitFor}");
            var time = services.GetRequiredService<TimeProvider>();
            var deadline = time.GetUtcNow() + waitFor;
            for (var poll = TimeSpan.FromSeconds(1); time.GetUtcNow() < deadline; poll = Min(poll * 2, LongestPoll))
            {
                await Task.Delay(Min(poll, deadline - time.GetUtcNow()), time, cancellationToken);
                if (await client.TryResolveAsync(inRegistry, cancellationToken) is { } arrived)
                {
                    await context.Output.WriteLineAsync($"{spec.Source.Familiar} is in {registry} as {spec.Target} ({arrived.Digest})");
                    return ExitCodes.Success;
                }
            }
            await context.Error.WriteLineAsync($"{spec.Source.Familiar} is still missing from {registry} after {waitFor}");
            return ExitCodes.Attention;
        }));
        return command;
    }

    /// <summary><c>10m</c>, <c>90s</c>, <c>1h</c>, <c>500ms</c>, or a TimeSpan (<c>00:10:00</c>).</summary>
    public static TimeSpan ParseDuration(string text)
    {
        if (Duration().Match(text) is { Success: true } match)
        {
            var amount = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            return match.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromHours(amount),
            };
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero
            ? span
            : throw new InvalidOperationException($"--wait expects a duration such as 10m, 90s or 1h, not '{text}'");
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
