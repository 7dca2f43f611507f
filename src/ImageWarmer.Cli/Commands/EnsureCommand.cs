using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using ImageWarmer.Cli.Options;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core.Operations;
using ImageWarmer.Core.Operations.Ensure;
using ImageWarmer.Core.Planning;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Commands;

/// <summary>
/// <c>imagewarmer ensure [&lt;image&gt;…] [--manifests &lt;path&gt;] --registry &lt;acr&gt; [--locked|--offline] [--strict]
/// [--request --wait 10m]</c>: the pipeline gate. Proves, for one image or a whole bundle at once, that the target
/// registry holds each image with the digest its pin, the lock file or upstream says. Exit 0 when every image is
/// present (unverified ones too unless <c>--strict</c>), 2 otherwise.
/// </summary>
internal static partial class EnsureCommand
{
    [GeneratedRegex(@"^(\d+)(ms|s|m|h|d)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();

    public static Command Create(CliContext context)
    {
        var images = new Argument<string[]>("image") { Description = "Public images a pipeline is about to use", Arity = ArgumentArity.ZeroOrMore };
        var locked = new Option<bool>("--locked") { Description = "Expect the digests of the lock file (the manifests' nearest imagewarmer.lock.json, or --lock); ask no source registry" };
        var offline = new Option<bool>("--offline") { Description = "Ask no source registry: check presence (and digest pins) only" };
        var strict = new Option<bool>("--strict") { Description = "Fail (exit 2) on images that could not be verified against upstream" };
        var request = new Option<bool>("--request") { Description = "Enqueue a warm request for every missing image (unlocked ones too under --locked) and wait for them" };
        var wait = new Option<string>("--wait") { Description = "How long --request waits in all (10m, 90s, 1h)", DefaultValueFactory = _ => "10m" };
        wait.Validators.Add(result =>
        {
            if (!TryParseDuration(result.GetValueOrDefault<string>() ?? "", out _))
            {
                result.AddError($"--wait expects a duration such as 10m, 90s or 1h, not '{result.GetValueOrDefault<string>()}'");
            }
        });
        var command = new Command("ensure", "Prove that the target registry holds images (one, several, or a bundle's) with the right digests")
        {
            images, RequestCommand.Target, locked, offline, strict, request, wait,
        };
        IReadOnlyList<OptionGroup> groups = [ManifestOptionGroup.Instance, LockOptionGroup.Instance, TargetOptionGroup.Instance, RegistryOptionGroup.Instance];
        foreach (var group in groups)
        {
            group.AttachTo(command);
        }
        command.Validators.Add(result =>
        {
            var named = result.GetValue(images) ?? [];
            var manifests = ManifestOptionGroup.Instance.Locations(result);
            if (named.Length == 0 && manifests.Count == 0)
            {
                result.AddError("name the images to check, or the manifests that declare them (--manifests)");
            }
            if (result.GetValue(RequestCommand.Target) is not null && (named.Length != 1 || manifests.Count > 0))
            {
                result.AddError("--target names the ACR name of one image given by itself");
            }
            if (result.GetValue(locked) && result.GetValue(offline))
            {
                result.AddError("--locked and --offline exclude each other");
            }
            // Only --locked reads a lock: without it, a named lock would be read for nothing.
            if (result.GetValue(LockOptionGroup.Instance.Lock) is not null && !result.GetValue(locked))
            {
                result.AddError("--lock names the lock file --locked checks against: add --locked");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = context.BuildServices(parseResult, groups);
            TryParseDuration(parseResult.GetRequiredValue(wait), out var waitFor);
            var expectation = parseResult.GetValue(locked) ? Expectation.Locked : parseResult.GetValue(offline) ? Expectation.Offline : Expectation.Upstream;
            var options = new EnsureRequest(parseResult.GetValue(images) ?? [], parseResult.GetValue(RequestCommand.Target),
                ManifestOptionGroup.Instance.Locations(parseResult), parseResult.GetValue(TargetOptionGroup.Instance.Registry), expectation,
                parseResult.GetValue(request), waitFor)
            {
                LockFile = parseResult.GetValue(LockOptionGroup.Instance.Lock),
            };
            var json = CliContext.Json(parseResult);
            var waitText = parseResult.GetRequiredValue(wait);
            var events = json ? null : new EnsureEvents(
                (item, requested) => context.Error.WriteLine(
                    $"{item.Spec.Source.Familiar} is missing: requested (message {requested.MessageId}), waiting up to {waitText} in all"),
                (item, registry) => context.Output.WriteLine($"arrived: {EnsureLines.Line(item, registry)}"),
                (late, _) => context.Error.WriteLine(
                    $"gave up waiting after {waitText}: {Words.Count(late.Count, "requested image")} not in the registry yet "
                    + $"('imagewarmer status <image>' says why; a longer --wait waits longer)"));
            var report = await services.GetRequiredService<EnsureOperation>().RunAsync(options, events, cancellationToken);
            await EnsureLines.AppendStepSummaryAsync(report, cancellationToken);
            var passes = report.Passes(parseResult.GetValue(strict));
            if (json)
            {
                await context.WriteJsonAsync(EnsureJson.From(report).Serialize());
                return passes ? ExitCodes.Success : ExitCodes.Attention;
            }
            foreach (var item in report.Items)
            {
                await context.Output.WriteLineAsync(EnsureLines.Line(item, report.TargetRegistry));
            }
            ReportFooter.WriteProblems(context.Console, report.Problems);
            await context.Output.WriteLineAsync(EnsureLines.Summary(report));
            if (report.Counts[EnsureStatus.Unverified] > 0 && !parseResult.GetValue(strict))
            {
                await context.Error.WriteLineAsync("warning: some images could not be verified against upstream (--strict makes that a failure)");
            }
            return passes ? ExitCodes.Success : ExitCodes.Attention;
        });
        return command;
    }

    /// <summary><c>10m</c>, <c>90s</c>, <c>1h</c>, <c>30d</c>, <c>500ms</c>, or a TimeSpan (<c>00:10:00</c>).</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        if (Duration().Match(text) is { Success: true } match && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var amount))
        {
            duration = match.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
            return true;
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
    }
}
