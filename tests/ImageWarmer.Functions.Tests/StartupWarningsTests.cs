using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Importing.Acr;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Functions.Tests;

/// <summary>The warnings the app logs once at start: Docker Hub without credentials, an import timeout that does not
/// end well before the host's functionTimeout.</summary>
public sealed class StartupWarningsTests
{
    private const string RegistryId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/myacr";

    [Fact]
    public async Task Start_DockerHubAllowedWithoutCredentials_OneWarningNamingTheFix()
    {
        var warnings = await WarningsAsync(new RegistryOptions());

        var warning = Assert.Single(warnings);
        Assert.Contains("No Docker Hub credentials", warning, StringComparison.Ordinal);
        Assert.Contains("toomanyrequests", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("docker.io", "user")]
    [InlineData("registry-1.docker.io", "user")]
    [InlineData("docker.io", null)] // an access token alone: ACR's import sends no username
    public async Task Start_DockerHubCredentialWithPassword_NoWarning(string registry, string? username)
    {
        var options = new RegistryOptions { Credentials = [new RegistryCredentialOptions { Registry = registry, Username = username, Password = "token" }] };

        Assert.Empty(await WarningsAsync(options));
    }

    [Fact]
    public async Task Start_CredentialsForAnotherRegistryOnly_StillWarns()
    {
        var options = new RegistryOptions { Credentials = [new RegistryCredentialOptions { Registry = "ghcr.io", Username = "u", Password = "p" }] };

        Assert.Single(await WarningsAsync(options));
    }

    [Fact]
    public async Task Start_DockerHubNotAllowed_NoWarning()
    {
        Assert.Empty(await WarningsAsync(new RegistryOptions(), allowed: ["ghcr.io"]));
    }

    [Theory]
    [InlineData("00:30:00", "01:00:00", false)] // the repository's values: 30 minutes of margin
    [InlineData("00:45:00", "01:00:00", false)] // exactly the margin
    [InlineData("00:50:00", "01:00:00", true)]
    [InlineData("00:30:00", "00:30:00", true)] // the import and the function ending together: the host wins
    public async Task Start_ImportTimeoutAgainstFunctionTimeout_WarnsWhenTheMarginIsMissing(string importTimeout, string functionTimeout, bool warns)
    {
        var warnings = await WarningsAsync(Credentialed(), importTimeout: TimeSpan.Parse(importTimeout, System.Globalization.CultureInfo.InvariantCulture), functionTimeout: functionTimeout);

        Assert.Equal(warns, warnings.Any(w => w.Contains("functionTimeout", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Start_RepositoryHostJsonAndDefaultImportTimeout_NoWarning()
    {
        var hostJson = HostJsonSettings.Read(Path.Combine(RepositoryPaths.Root, "host.json")).ToDictionary();

        Assert.Empty(await WarningsAsync(Credentialed(), importTimeout: new AcrImportOptions().Timeout, functionTimeout: hostJson[HostJsonSettings.FunctionTimeoutKey]));
    }

    private static RegistryOptions Credentialed() =>
        new() { Credentials = [new RegistryCredentialOptions { Registry = "docker.io", Username = "u", Password = "p" }] };

    private static async Task<IReadOnlyList<string>> WarningsAsync(
        RegistryOptions registry, string[]? allowed = null, TimeSpan? importTimeout = null, string? functionTimeout = "01:00:00")
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [HostJsonSettings.FunctionTimeoutKey] = functionTimeout })
            .Build();
        var import = new AcrImportOptions { RegistryResourceId = RegistryId, Timeout = importTimeout ?? TimeSpan.FromMinutes(30) };
        using var logs = new CapturedLogs();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var warnings = new StartupWarnings(configuration, Options.Create(new DiscoveryOptions { AllowedSourceRegistries = allowed }),
            Options.Create(registry), Options.Create(import), loggers.CreateLogger<StartupWarnings>());

        await warnings.StartAsync(CancellationToken.None);
        await warnings.StopAsync(CancellationToken.None);
        return logs.Warnings;
    }
}
