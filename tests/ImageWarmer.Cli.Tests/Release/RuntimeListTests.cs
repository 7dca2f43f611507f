using ImageWarmer.Testing;

namespace ImageWarmer.Cli.Tests.Release;

/// <summary>The runtimes a release builds and the runtimes scripts/install.sh downloads for a machine are one list:
/// release.sh's default (the project's ToolPackageRuntimeIdentifiers without the framework-dependent <c>any</c>) is
/// exactly what install.sh maps Linux's <c>uname -m</c> to, so an arm64 runner never asks for a tarball no release has.
/// install.sh runs with a <c>uname</c> of the test's own first on PATH, as it would on that machine; nothing is built.</summary>
public sealed class RuntimeListTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task ReleaseDefaultRuntimes_AreWhatInstallMapsLinuxMachinesTo()
    {
        var released = (await NativeProcess.SucceedAsync(Script("release.sh"), null, "--runtimes"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var installed = new List<string>();
        foreach (var machine in new[] { "x86_64", "aarch64" })
        {
            var folder = (await NativeProcess.SucceedAsync(Script("install.sh"), Machine("Linux", machine), "--version", "9.9.9", "--dir", _directory.Path, "--print-dir")).Trim();
            installed.Add(folder[$"{_directory.Path}/9.9.9-".Length..]);
        }

        Assert.Equal(["linux-x64", "linux-arm64"], released);
        Assert.Equal(released, installed);
    }

    [Theory]
    [InlineData("Darwin", "arm64")]
    [InlineData("Linux", "riscv64")]
    public async Task InstallScript_MachineWithoutANativeBuild_NamesTheDotnetTool_InstallsNothing(string system, string machine)
    {
        var run = await NativeProcess.RunAsync(Script("install.sh"), Machine(system, machine), "--version", "9.9.9", "--dir", _directory.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"install.sh: no native imagewarmer for {system} {machine} (linux-x64, linux-arm64); "
            + "with .NET 10 there: dotnet tool install --global imagewarmer (the framework-dependent build)",
            run.Error.Trim());
        Assert.Equal(["bin"], Directory.EnumerateFileSystemEntries(_directory.Path).Select(Path.GetFileName)); // only the test's uname
    }

    public void Dispose() => _directory.Dispose();

    private static string Script(string name) => Path.Combine(RepositoryPaths.Root, "scripts", name);

    // PATH with a `uname` that says this machine first.
    private Dictionary<string, string> Machine(string system, string machine)
    {
        var bin = Path.Combine(_directory.Path, "bin");
        Directory.CreateDirectory(bin);
        var uname = Path.Combine(bin, "uname");
        File.WriteAllText(uname, $"#!/bin/sh\ncase $1 in -s) echo {system} ;; -m) echo {machine} ;; *) exit 1 ;; esac\n");
        File.SetUnixFileMode(uname, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new() { ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}" };
    }
}
