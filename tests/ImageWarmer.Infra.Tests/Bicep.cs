using System.Diagnostics;
using System.Reflection;

namespace ImageWarmer.Infra.Tests;

/// <summary>The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package (no network, no az).</summary>
internal static class Bicep
{
    private static readonly string Path = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepPath").Value!.Replace('\\', '/');

    /// <summary>Runs <c>bicep</c> with <paramref name="args"/>; returns its exit code, output and diagnostics.</summary>
    public static async Task<(int ExitCode, string Output, string Diagnostics)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Path, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Path} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var diagnostics = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await diagnostics);
    }
}
