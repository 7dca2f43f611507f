using System.Globalization;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Importing.Acr;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Functions;

/// <summary>
/// Settings that work but will hurt, logged once as the app starts: Docker Hub allowed without credentials (ACR's
/// import then pulls anonymously through Azure addresses shared with other tenants, and meets <c>toomanyrequests</c>;
/// Microsoft's import guide recommends credentials), and an ACR import timeout that does not end well before
/// host.json's <c>functionTimeout</c> (the host would kill the invocation, and the worker with every import it runs,
/// before the import's own "did not finish" path).
/// </summary>
public sealed class StartupWarnings(
    IConfiguration configuration,
    IOptions<DiscoveryOptions> discovery,
    IOptions<RegistryOptions> registry,
    IOptions<AcrImportOptions> import,
    ILogger<StartupWarnings> logger) : IHostedService
{
    /// <summary>Time a queue function needs beside the import itself: the plan's HEADs, a registry retry, a fallback copy.</summary>
    public static readonly TimeSpan FunctionTimeoutMargin = TimeSpan.FromMinutes(15);

    private const string DockerHub = "docker.io";

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (discovery.Value.EffectiveSourceRegistries.Contains(DockerHub) && !HasDockerHubCredential())
        {
            Log.DockerHubAnonymous(logger);
        }
        if (import.Value.RegistryResourceId is not null && FunctionTimeout() is { } functionTimeout
            && import.Value.Timeout + FunctionTimeoutMargin > functionTimeout)
        {
            Log.ImportOutlastsFunction(logger, import.Value.Timeout, functionTimeout, FunctionTimeoutMargin);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // A password is what ACR's import sends (a Docker Hub access token needs no username); registry-1.docker.io and
    // index.docker.io name Docker Hub too.
    private bool HasDockerHubCredential() => registry.Value.Credentials.Any(c =>
        !string.IsNullOrEmpty(c.Password) && RegistryHost.TryParse(c.Registry?.Trim(), out var host, out _) && host.Name == DockerHub);

    private TimeSpan? FunctionTimeout() =>
        TimeSpan.TryParse(configuration[HostJsonSettings.FunctionTimeoutKey], CultureInfo.InvariantCulture, out var timeout) && timeout > TimeSpan.Zero
            ? timeout
            : null;
}
