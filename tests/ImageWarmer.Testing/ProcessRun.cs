using System.Diagnostics;

namespace ImageWarmer.Testing;

/// <summary>A program run to its end by a test, with what it printed: the published CLI, the action's scripts, dotnet pack.</summary>
public sealed record ProcessRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs <paramref name="start"/> (its output redirected here) and waits for it.</summary>
    public static async Task<ProcessRun> RunAsync(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new ProcessRun(process.ExitCode, await output, await error);
    }

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/>.</summary>
    public static Task<ProcessRun> RunAsync(string program, params string[] arguments) => RunAsync(new ProcessStartInfo(program, arguments));
}
