using System.CommandLine;
using ImageWarmer.Cli.Commands;

namespace ImageWarmer.Cli;

/// <summary>The <c>imagewarmer</c> command line: every verb over the same engine the Functions app runs.</summary>
internal static class CliApplication
{
    /// <summary>Runs <paramref name="args"/>, writing results to <paramref name="output"/> and errors to <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error);
        var root = new RootCommand("ImageWarmer keeps an Azure Container Registry warm with the public images your manifests name.")
        {
            ScanCommand.Create(context),
            PlanCommand.Create(context),
            WarmCommand.Create(context),
            RequestCommand.Create(context),
            EnsureCommand.Create(context),
            NightlyCommand.Create(context),
            WorkerCommand.Create(context),
            StatusCommand.Create(context),
            SnapshotCommand.Create(context),
        };
        root.Options.Add(CommonOptions.Config);
        root.Options.Add(CommonOptions.Endpoint);
        root.Options.Add(CommonOptions.Insecure);
        var parsed = root.Parse(args);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
