using ImageWarmer.Testing;

namespace ImageWarmer.Cli.Tests.Release;

/// <summary>scripts/install.sh run once as the action's first step runs it without a version: in a copy of the
/// repository laid out as GitHub downloads an action (no .git), building the Native AOT executable from source into a
/// cache of its own. Shared by the tests that use that executable, so it is compiled once.</summary>
public sealed class SourceInstallFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();

    /// <summary>The action's copy of the source.</summary>
    public string Source => Path.Combine(_directory.Path, "action");

    /// <summary>The tool cache install.sh uses.</summary>
    public string Cache => Path.Combine(_directory.Path, "cache");

    /// <summary>The runner's GITHUB_PATH and GITHUB_OUTPUT files.</summary>
    public string GitHubPath => Path.Combine(_directory.Path, "github-path");

    /// <inheritdoc cref="GitHubPath"/>
    public string GitHubOutput => Path.Combine(_directory.Path, "github-output");

    /// <summary>The installed executable.</summary>
    public string Executable { get; private set; } = "";

    /// <summary>What the first install printed on stderr.</summary>
    public string FirstInstallLog { get; private set; } = "";

    /// <summary>The environment a runner gives the install step.</summary>
    public Dictionary<string, string> Environment => new()
    {
        ["IMAGEWARMER_CACHE"] = Cache, ["GITHUB_PATH"] = GitHubPath, ["GITHUB_OUTPUT"] = GitHubOutput,
    };

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        SourceCopy.Create(Source);
        var run = await NativeProcess.RunAsync(Path.Combine(Source, "scripts", "install.sh"), Environment);
        Assert.True(run.ExitCode == 0, $"install.sh exited {run.ExitCode}:\n{run.Output}\n{run.Error}");
        Executable = run.Output.Trim().Split('\n')[^1];
        FirstInstallLog = run.Error;
    }

    /// <inheritdoc/>
    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
