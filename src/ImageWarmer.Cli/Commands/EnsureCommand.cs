using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using ImageWarmer.Cli.Options;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Commands;

/// <summary>
/// <c>imagewarmer ensure &lt;image&gt; --registry &lt;host&gt; [--request] [--wait 10m]</c>: the pipeline preflight that
/// replaces <c>docker manifest inspect</c>. Exit 0 when the registry has the image's ACR name; otherwise says so and
/// exits 2, or with <c>--request</c> enqueues it and waits until it appears or the wait ends.
/// </summary>
internal static partial class EnsureCommand
{
    [GeneratedRegex(@"^(\d+)(ms|s|m|h)$", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();

    public static Command Create(CliContext context)
    {
        var image = new Argument<string>("image") { Description = "The public image a pipeline is about to use" };
        var request = new Option<bool>("--request") { Description = "When missing, enqueue a warm request and wait for it" };
        var wait = new Option<string>("--wait") { Description = "How long --request waits (10m, 90s, 1h)", DefaultValueFactory = _ => "10m" };
        wait.Validators.Add(result =>
        {
            if (!TryParseDuration(result.GetValueOrDefault<string>() ?? "", out _))
            {
                result.AddError($"--wait expects a duration such as 10m, 90s or 1h, not '{result.GetValueOrDefault<string>()}'");
            }
        });
        var command = new Command("ensure", "Check that the target registry has an image; optionally request it and wait")
        {
            image, RequestCommand.Target, request, wait,
        };
        TargetOptionGroup.Instance.AttachTo(command);
        RegistryOptionGroup.Instance.AttachTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = context.BuildServices(parseResult, TargetOptionGroup.Instance, RegistryOptionGroup.Instance);
            TryParseDuration(parseResult.GetRequiredValue(wait), out var waitFor);
            var options = new EnsureOptions(parseResult.GetRequiredValue(image), parseResult.GetValue(RequestCommand.Target),
                parseResult.GetValue(TargetOptionGroup.Instance.Registry), parseResult.GetValue(request), waitFor,
                $"ensure by {RequestCommand.DefaultRequester()}");
            var result = await services.GetRequiredService<EnsureOperation>().RunAsync(options,
                requested => context.Error.WriteLine(
                    $"{requested.SourceFamiliar} is missing from {requested.TargetRegistry}: requested (message {requested.RequestMessageId}), waiting up to {waitFor}"),
                cancellationToken);
            if (CliContext.Json(parseResult))
            {
                await context.WriteJsonAsync(EnsureJson.From(result).Serialize());
            }
            else if (result.Present)
            {
                await context.Output.WriteLineAsync($"{result.SourceFamiliar} is in {result.TargetRegistry} as {result.Target} ({result.Digest})");
            }
            else
            {
                await context.Error.WriteLineAsync(result.RequestMessageId is null
                    ? $"{result.SourceFamiliar} is missing from {result.TargetRegistry} (as {result.Target}): run 'imagewarmer request {result.SourceFamiliar}' or ensure --request"
                    : $"{result.SourceFamiliar} is still missing from {result.TargetRegistry} after {waitFor}");
            }
            return result.Present ? ExitCodes.Success : ExitCodes.Attention;
        });
        return command;
    }

    /// <summary><c>10m</c>, <c>90s</c>, <c>1h</c>, <c>500ms</c>, or a TimeSpan (<c>00:10:00</c>).</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        if (Duration().Match(text) is { Success: true } match && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var amount))
        {
            duration = match.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromHours(amount),
            };
            return true;
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
    }
}
