using System.Collections.Concurrent;
using ImageWarmer.Core.Importing;
using Spectre.Console;

namespace ImageWarmer.Cli.Output;

/// <summary>Per-image progress bars while a warm run copies, for a person at a terminal.</summary>
internal static class WarmProgress
{
    public static Task<T> ShowAsync<T>(IAnsiConsole console, Func<IProgress<ImportProgress>, Task<T>> warm) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async context =>
            {
                var tasks = new ConcurrentDictionary<string, ProgressTask>(StringComparer.Ordinal);
                var progress = new Progress<ImportProgress>(p =>
                {
                    var task = tasks.GetOrAdd(p.Target, target => context.AddTask(Markup.Escape(target), autoStart: true, maxValue: 1));
                    task.MaxValue = Math.Max(1, p.BytesTotal);
                    task.Value = Math.Min(p.BytesDone, task.MaxValue);
                });
                var report = await warm(progress);
                foreach (var task in tasks.Values)
                {
                    task.Value = task.MaxValue;
                }
                return report;
            });
}
