namespace ImageWarmer.Cli.Tests;

/// <summary>Runs the CLI in-process, exactly as Program.cs does, capturing what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        using StringWriter output = new(), error = new();
        var exitCode = await CliApplication.RunAsync(args, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
