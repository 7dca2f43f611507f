using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Registry.Traffic;
using Spectre.Console;

namespace ImageWarmer.Cli.Output;

/// <summary>What every registry table ends with: the manifests' problems, and what the run cost each registry.</summary>
internal static class ReportFooter
{
    public static void WriteProblems(IAnsiConsole console, IReadOnlyList<ScanProblem> problems)
    {
        foreach (var problem in problems)
        {
            console.MarkupLine($"[red]problem[/] {Inert.Markup(problem.ToString())}");
        }
    }

    public static void WriteTraffic(IAnsiConsole console, IReadOnlyDictionary<string, HostTraffic> traffic)
    {
        foreach (var (host, cost) in traffic.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var remaining = cost.RateLimitRemaining is { } r ? $"{r} pulls left" : "rate limit not reported";
            console.MarkupLine(Markup.Escape($"{host}: {cost.Requests} requests, {cost.Pulls} pulls, {remaining}"));
        }
    }
}
