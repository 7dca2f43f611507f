using ImageWarmer.Cli.Tests.Contracts;
using ImageWarmer.Testing;

namespace ImageWarmer.Cli.Tests.Mirror;

/// <summary><c>imagewarmer mirror</c> as a pipeline runs it: what it prints and writes, its JSON contract, what it
/// leaves out (exit 2), what it refuses (exit 1, one line, nothing written), and that no credential reaches a file.</summary>
public sealed class MirrorCommandTests : IDisposable
{
    private const string Acr = "myacr.azurecr.io";

    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Json_AnotherSourceAndANamedTarget_DescribesTheRoutesAndWhatStaysOut()
    {
        _directory.Write("bundle/imagewarmer.yaml",
            "images:\n  - nginx:1.27\n  - mcr.microsoft.com/dotnet/sdk:8.0\n  - source: 'redis:7'\n    target: custom/redis\n");

        var run = await CliRun.InvokeAsync("mirror", "--format", "daemon.json", "--registry", Acr, "--manifests", Path.Combine(_directory.Path, "bundle"),
            "--source-registry", "docker.io", "--source-registry", "mcr.microsoft.com", "--json");

        Assert.Equal(2, run.ExitCode);
        ContractSchemas.AssertValid("mirror", run.Output);
        Assert.Contains("\"output\": null", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"source\": \"mcr.microsoft.com\",\n      \"reason\": \"daemon.json cannot mirror mcr.microsoft.com", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"target\": \"custom/redis:7\",\n      \"mirrorAsks\": \"library/redis\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("https://myacr.azurecr.io", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostsToml_Output_WritesTheFolderOfEachSource_AndSaysWhere()
    {
        _directory.Write("bundle/Dockerfile", "FROM --platform=linux/amd64 debian:bookworm-slim\nFROM mcr.microsoft.com/dotnet/sdk:8.0\n");
        var certs = Path.Combine(_directory.Path, "certs.d");

        var run = await CliRun.InvokeAsync("mirror", "--format", "hosts.toml", "--registry", Acr, "--target-prefix", "hub", "--output", certs,
            "--manifests", Path.Combine(_directory.Path, "bundle"), "--source-registry", "docker.io", "--source-registry", "mcr.microsoft.com");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["docker.io/hosts.toml", "mcr.microsoft.com/hosts.toml"],
            Directory.EnumerateFiles(certs, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(certs, f)).Order(StringComparer.Ordinal));
        Assert.Contains("[host.\"https://myacr.azurecr.io/v2/hub\"]", File.ReadAllText(Path.Combine(certs, "mcr.microsoft.com", "hosts.toml")), StringComparison.Ordinal);
        Assert.Contains("docker.io → myacr.azurecr.io/hub: a miss goes to docker.io", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoOutput_PrintsTheFileItself()
    {
        var run = await CliRun.InvokeAsync("mirror", "--format", "buildkitd.toml", "--registry", Acr, "--target-prefix", "hub");

        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith("[registry.\"docker.io\"]\n  mirrors = [\"myacr.azurecr.io/hub\"]\n", run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Theory]
    [InlineData("daemon.json", "--target-prefix hub", "daemon.json cannot mirror under a path")]
    [InlineData("daemon.json", "--strict", "daemon.json cannot be strict")]
    [InlineData("buildkitd.toml", "--strict", "buildkitd.toml cannot be strict")]
    [InlineData("buildkitd.toml", "--endpoint docker.io=http://127.0.0.1:5001", "buildkitd.toml cannot send docker.io to 127.0.0.1:5001 (the endpoint ImageWarmer reaches it at): BuildKit falls back to docker.io itself (option: --endpoint)")]
    [InlineData("registries.conf", "--endpoint myacr.azurecr.io=http://10.1.2.3:5000", "refusing plain HTTP to myacr.azurecr.io")]
    [InlineData("hosts.toml", "", "hosts.toml is a folder of files: name the folder to write (e.g. /etc/containerd/certs.d) (option: --output DIR)")]
    public async Task CannotSayIt_ExitOne_OneLine_NothingWritten(string format, string options, string reason)
    {
        var output = Path.Combine(_directory.Path, "out");

        string[] args = ["mirror", "--format", format, "--registry", Acr, .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            .. format == "hosts.toml" ? Array.Empty<string>() : ["--output", output]];
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.False(Path.Exists(output));
    }

    [Fact]
    public async Task ConfiguredCredentials_NeverReachTheFiles()
    {
        var settings = _directory.Write("settings.json", """
            {"ImageWarmer":{"Registry":{"Credentials":[
              {"Registry":"myacr.azurecr.io","Username":"acr-user-7f3a","Password":"acr-secret-9c1e"},
              {"Registry":"docker.io","Username":"hub-user-2b8d","Password":"hub-token-5d0f"}]}}}
            """);
        foreach (var format in new[] { "registries.conf", "hosts.toml", "buildkitd.toml", "daemon.json" })
        {
            var run = await CliRun.InvokeAsync("mirror", "--format", format, "--registry", Acr, "--config", settings, "--output", Path.Combine(_directory.Path, "out", format), "--json");

            Assert.Equal(0, run.ExitCode);
            Assert.DoesNotMatch("acr-user|acr-secret|hub-user|hub-token", run.Output);
        }
        var written = Directory.EnumerateFiles(Path.Combine(_directory.Path, "out"), "*", SearchOption.AllDirectories).ToList();
        Assert.Equal(4, written.Count);
        Assert.All(written, f => Assert.DoesNotMatch("acr-user|acr-secret|hub-user|hub-token", File.ReadAllText(f)));
    }

    public void Dispose() => _directory.Dispose();
}
