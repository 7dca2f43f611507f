using ImageWarmer.Testing;

namespace ImageWarmer.Cli.Tests.Commands;

/// <summary>Every error a user can cause or meet is one line on stderr and exit 1; the trace is for --verbose.</summary>
public sealed class CliErrorTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Plan_ConcurrencyZero_OneLineExitOne()
    {
        var run = await CliRun.InvokeAsync("plan", "--manifests", RepositoryPaths.Samples, "--registry", "127.0.0.1:5000", "--concurrency", "0");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("imagewarmer: --concurrency must be a positive number (see imagewarmer plan --help)", SingleLine(run.Error));
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Ensure_TargetRegistryRefusesConnections_OneLineExitOne()
    {
        var closed = LoopbackPorts.Free();
        var config = _directory.Write("settings.json", """{"ImageWarmer":{"Registry":{"MaxRetryAttempts":0}}}""");

        var run = await CliRun.InvokeAsync("ensure", "nginx:1", "--registry", $"127.0.0.1:{closed}", "--config", config);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"imagewarmer: cannot reach 127.0.0.1:{closed}: ", SingleLine(run.Error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ensure_Verbose_AddsTheTrace()
    {
        var config = _directory.Write("settings.json", """{"ImageWarmer":{"Registry":{"MaxRetryAttempts":0}}}""");

        var run = await CliRun.InvokeAsync("ensure", "nginx:1", "--registry", $"127.0.0.1:{LoopbackPorts.Free()}", "--config", config, "--verbose");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("   at ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plan --manifests samples --registry https://myacr.azurecr.io", "--registry must be a registry host")]
    [InlineData("plan --manifests samples --registry myacr.azurecr.io --endpoint docker.io", "--endpoint expects NAME=URL")]
    [InlineData("warm --manifests samples --registry myacr.azurecr.io --importer docker-pull", "docker-pull")]
    [InlineData("ensure nginx:1 --registry myacr.azurecr.io --wait soon", "--wait expects a duration")]
    [InlineData("scan", "name the manifests")]
    [InlineData("warm --manifests samples --registry 127.0.0.1:1 --importer acr-import", "ImageWarmer:AcrImport:RegistryResourceId is not set")]
    [InlineData("request ghcr.io/someone/thing:1", "source registry ghcr.io is not allowed")]
    public async Task BadInput_OneLineExitOne(string arguments, string message)
    {
        var args = arguments.Replace("samples", RepositoryPaths.Samples, StringComparison.Ordinal).Split(' ');

        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, SingleLine(run.Error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scan", false, false)]
    [InlineData("plan", true, true)]
    [InlineData("warm", true, true)]
    [InlineData("ensure", true, true)]
    [InlineData("nightly", true, true)]
    [InlineData("worker", true, true)]
    [InlineData("request", false, false)]
    [InlineData("status", false, false)]
    public async Task EveryVerb_TakesJsonAndConfig_RegistryVerbsTheRegistryOptions(string verb, bool talksToRegistries, bool hasTarget)
    {
        var help = (await CliRun.InvokeAsync(verb, "--help")).Output;

        Assert.Contains("--json", help, StringComparison.Ordinal);
        Assert.Contains("--config", help, StringComparison.Ordinal);
        Assert.Equal(talksToRegistries, help.Contains("--endpoint", StringComparison.Ordinal) && help.Contains("--insecure", StringComparison.Ordinal));
        Assert.Equal(hasTarget, help.Contains("--registry", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("warm")]
    [InlineData("worker")]
    public async Task ImportingVerbs_TakeTheImportOptions(string verb)
    {
        var help = (await CliRun.InvokeAsync(verb, "--help")).Output;

        Assert.All(new[] { "--importer", "--drift", "--concurrency" }, option => Assert.Contains(option, help, StringComparison.Ordinal));
    }

    public void Dispose() => _directory.Dispose();

    private static string SingleLine(string text) => Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('\r');

}
