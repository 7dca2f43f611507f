using ImageWarmer.Testing;

namespace ImageWarmer.Cli.Tests.Release;

/// <summary>The action's install step without a version, in a downloaded action (no .git): it builds the native
/// executable from the action's source once, keyed by a hash of that source, and hands it to the job.</summary>
public sealed class SourceInstallTests(SourceInstallFixture install) : IClassFixture<SourceInstallFixture>
{
    [Fact]
    public async Task FromSource_BuiltOnce_ThenTheCacheServesIt_AndTheJobGetsThePath()
    {
        var again = await NativeProcess.RunAsync(Path.Combine(install.Source, "scripts", "install.sh"), install.Environment);

        Assert.False(Directory.Exists(Path.Combine(install.Source, ".git")));
        Assert.Contains("building imagewarmer from", install.FirstInstallLog, StringComparison.Ordinal);
        Assert.True(NativeProcess.IsElf(install.Executable));
        Assert.Equal((0, install.Executable, ""), (again.ExitCode, again.Output.Trim(), again.Error.Trim()));
        Assert.Equal([Path.GetDirectoryName(install.Executable)!], File.ReadAllLines(install.GitHubPath).Distinct());
        Assert.Contains($"path={install.Executable}", File.ReadAllLines(install.GitHubOutput));
    }

    [Fact]
    public async Task FromSource_CacheKey_IsTheSourcesContent_NotWhereItLivesOrAGitRevision()
    {
        using var directory = new TemporaryDirectory();
        var copy = SourceCopy.Create(Path.Combine(directory.Path, "elsewhere"));
        var script = Path.Combine(copy, "scripts", "install.sh");

        var same = await NativeProcess.SucceedAsync(script, install.Environment, "--print-dir");
        File.AppendAllText(Path.Combine(copy, "src", "ImageWarmer.Cli", "Program.cs"), "// another revision\n");
        var changed = await NativeProcess.SucceedAsync(script, install.Environment, "--print-dir");

        Assert.Equal(Path.GetDirectoryName(install.Executable), same.Trim());
        Assert.NotEqual(same.Trim(), changed.Trim());
        Assert.StartsWith(Path.Combine(install.Cache, "source-"), changed.Trim(), StringComparison.Ordinal);
    }
}
