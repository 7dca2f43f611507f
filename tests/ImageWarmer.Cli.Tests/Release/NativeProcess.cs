using System.Diagnostics;
using ImageWarmer.Testing;

namespace ImageWarmer.Cli.Tests.Release;

/// <summary>Runs the scripts and executables the release tests build, with the environment they need.</summary>
internal static class NativeProcess
{
    /// <summary>Runs <paramref name="program"/>; the run, whatever its exit code.</summary>
    public static Task<ProcessRun> RunAsync(string program, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        return ProcessRun.RunAsync(start);
    }

    /// <summary>Runs <paramref name="program"/> and fails the test unless it exits 0; its standard output.</summary>
    public static async Task<string> SucceedAsync(string program, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var run = await RunAsync(program, environment, arguments);
        Assert.True(run.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited {run.ExitCode}:\n{run.Output}\n{run.Error}");
        return run.Output;
    }

    /// <summary>Whether <paramref name="path"/> is an ELF executable (a native build, not a script or an assembly).</summary>
    public static bool IsElf(string path)
    {
        var header = new byte[4];
        using var file = File.OpenRead(path);
        return file.Read(header) == 4 && header is [0x7F, (byte)'E', (byte)'L', (byte)'F'];
    }
}
