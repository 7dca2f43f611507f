using ImageWarmer.Testing;

namespace ImageWarmer.Cli.Tests;

/// <summary>Pipelines install the CLI in one step: <c>dotnet pack</c> makes a .NET tool package that <c>dotnet tool
/// install</c> takes from a folder, and the installed command runs.</summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Pack_ToolInstallsFromAFolder_AndRuns()
    {
        var packages = Path.Combine(_directory.Path, "packages");
        var tools = Path.Combine(_directory.Path, "tools");
        // Packed from a copy of the sources, so that this build never races the one the tests run from.
        var source = SourceCopy.Create(Path.Combine(_directory.Path, "source"));

        await RunAsync("dotnet", "pack", Path.Combine(source, "src", "ImageWarmer.Cli"), "-c", "Release", "-o", packages, "--nologo");
        await RunAsync("dotnet", "tool", "install", "imagewarmer", "--tool-path", tools, "--add-source", packages);
        var help = await RunAsync(Path.Combine(tools, "imagewarmer"), "ensure", "--help");

        Assert.Contains("--manifests", help, StringComparison.Ordinal);
        Assert.Contains("--locked", help, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    internal static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var run = await ProcessRun.RunAsync(program, arguments);
        Assert.True(run.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited {run.ExitCode}:\n{run.Output}\n{run.Error}");
        return run.Output;
    }
}
