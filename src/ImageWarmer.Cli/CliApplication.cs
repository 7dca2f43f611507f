using System.CommandLine;
using ImageWarmer.Cli.Commands;
using ImageWarmer.Cli.Options;

namespace ImageWarmer.Cli;

/// <summary>The <c>imagewarmer</c> command line: every verb over the same use cases the Functions app runs.</summary>
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
            LockCommand.Create(context),
            PinCommand.Create(context),
            PruneCommand.Create(context),
            NightlyCommand.Create(context),
            WorkerCommand.Create(context),
            StatusCommand.Create(context),
            SnapshotCommand.Create(context),
            MirrorCommand.Create(context),
        };
        GlobalOptions.Instance.AttachTo(root);
        ParseResult parsed;
        try
        {
            parsed = root.Parse(args);
        }
        catch (InvalidOperationException e)
        {
            // A verb's own check read an option the parser had already found wrong (a one-value option given twice).
            return CliErrors.Report(context.Error, UsageMistakes.Reword(e.Message));
        }
        if (UsageMistakes.Find(parsed, root) is { } mistake)
        {
            return CliErrors.Report(context.Error, mistake);
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = context.Output, Error = context.Error, EnableDefaultExceptionHandler = false },
                cancellationToken);
        }
        catch (Exception e)
        {
            return CliErrors.Report(context.Error, e, parsed.GetValue(GlobalOptions.Instance.Verbose));
        }
        finally
        {
            // Whatever a guard still holds (a line that never ended) goes out now.
            await context.Output.FlushAsync(CancellationToken.None);
            await context.Error.FlushAsync(CancellationToken.None);
        }
    }
}
