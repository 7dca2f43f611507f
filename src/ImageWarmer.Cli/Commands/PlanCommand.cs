using System.CommandLine;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Cli.Commands;

/// <summary><c>imagewarmer plan --manifests &lt;path|blob&gt; --registry &lt;host&gt;</c>: what is missing or drifted in
/// the target registry, and what finding out cost upstream. Changes nothing. Exit 2 when anything needs work.</summary>
internal static class PlanCommand
{
    public static Command Create(CliContext context)
    {
        var manifests = new Option<string>("--manifests")
        {
            Description = "The manifests: a folder, a .tar.gz snapshot, or blob:container/name",
            Required = true,
        };
        var registry = new Option<string?>("--registry") { Description = "The target registry's login server, e.g. myacr.azurecr.io" };
        var concurrency = new Option<int?>("--concurrency") { Description = "Images planned at once (default 16)" };
        var command = new Command("plan", "Show which images the target registry lacks or holds stale; changes nothing")
        {
            manifests, registry, concurrency, CommonOptions.Json, CommonOptions.SourceRegistry, CommonOptions.TargetPrefix,
        };
        command.SetAction(async (parseResult, cancellationToken) => await context.GuardAsync(async () =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parseResult.GetValue(registry) is { } host)
            {
                overrides[$"{PlanningOptions.SectionName}:TargetRegistry"] = host;
            }
            if (parseResult.GetValue(concurrency) is { } limit)
            {
                overrides[$"{PlanningOptions.SectionName}:MaxConcurrency"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            await using var services = context.BuildServices(parseResult, overrides);
            var target = TargetRegistry(services.GetRequiredService<IOptions<PlanningOptions>>().Value);

            var location = parseResult.GetRequiredValue(manifests);
            var scan = await services.GetRequiredService<ManifestScanner>().ScanAsync(
                services.GetRequiredService<SnapshotSources>().Open(location), cancellationToken);
            var plan = await services.GetRequiredService<WarmPlanner>().PlanAsync(scan.Images, target, cancellationToken);

            if (parseResult.GetValue(CommonOptions.Json))
            {
                await context.Output.WriteLineAsync(PlanJson.From(plan, scan.Problems).Serialize());
            }
            else
            {
                PlanTable.Write(context.Console, target, plan, scan.Problems);
            }
            return plan.AllPresent && scan.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.Attention;
        }));
        return command;
    }

    private static string TargetRegistry(PlanningOptions options)
    {
        var host = options.TargetRegistry
            ?? throw new InvalidOperationException("name the target registry: --registry myacr.azurecr.io (or ImageWarmer__Planning__TargetRegistry)");
        return ImageReference.TryParse($"{host}/probe:1", out var probe, out _) && probe.Registry == host.ToLowerInvariant() && (host.Contains('.', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal) || host == "localhost")
            ? probe.Registry
            : throw new InvalidOperationException($"--registry must be a registry host such as myacr.azurecr.io or 127.0.0.1:5000, not '{host}'");
    }
}
