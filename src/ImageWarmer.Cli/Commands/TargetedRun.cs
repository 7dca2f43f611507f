using System.CommandLine;
using System.Globalization;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Cli.Commands;

/// <summary>What <c>plan</c> and <c>warm</c> share: <c>--manifests</c> and <c>--registry</c>, the engine built with
/// them, the target registry checked, and the manifests scanned.</summary>
internal sealed class TargetedRun(ServiceProvider services, string targetRegistry, ScanResult scan) : IAsyncDisposable
{
    public static readonly Option<string> Manifests = new("--manifests")
    {
        Description = "The manifests: a folder, a .tar.gz snapshot, or blob:container/name",
        Required = true,
    };

    public static readonly Option<string?> Registry = new("--registry") { Description = "The target registry's login server, e.g. myacr.azurecr.io" };

    public ServiceProvider Services { get; } = services;

    public string TargetRegistry { get; } = targetRegistry;

    public ScanResult Scan { get; } = scan;

    /// <summary>Builds the engine (with <paramref name="overrides"/>), checks the target registry and scans the manifests.</summary>
    public static async Task<TargetedRun> StartAsync(
        CliContext context, ParseResult parseResult, Dictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        if (parseResult.GetValue(Registry) is { } host)
        {
            overrides[$"{PlanningOptions.SectionName}:TargetRegistry"] = host;
        }
        var services = context.BuildServices(parseResult, overrides);
        try
        {
            var target = CheckedTarget(services.GetRequiredService<IOptions<PlanningOptions>>().Value.TargetRegistry);
            var source = services.GetRequiredService<SnapshotSources>().Open(parseResult.GetRequiredValue(Manifests));
            var scan = await services.GetRequiredService<ManifestScanner>().ScanAsync(source, cancellationToken);
            return new TargetedRun(services, target, scan);
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => Services.DisposeAsync();

    /// <summary>The target registry host, checked, or a clear error.</summary>
    public static string CheckedTarget(string? host)
    {
        if (host is null)
        {
            throw new InvalidOperationException("name the target registry: --registry myacr.azurecr.io (or ImageWarmer__Planning__TargetRegistry)");
        }
        var looksLikeHost = host.Contains('.', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal) || host == "localhost";
        return looksLikeHost && ImageReference.TryParse($"{host}/probe:1", out var probe, out _) && probe.Registry == host.ToLowerInvariant()
            ? probe.Registry
            : throw new InvalidOperationException($"--registry must be a registry host such as myacr.azurecr.io or 127.0.0.1:5000, not '{host}'");
    }
}
