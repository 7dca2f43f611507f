using System.Globalization;
using System.Text;
using ImageWarmer.Core.Operations;
using ImageWarmer.Core.Operations.Ensure;
using ImageWarmer.Core.Planning;

namespace ImageWarmer.Cli.Output;

/// <summary>The readable form of a preflight: one line per image that a person can act on, a summary, and (in a
/// GitHub Actions job) a Markdown table appended to the job's step summary.</summary>
internal static class EnsureLines
{
    public static string Line(EnsureItem item, string registry)
    {
        var image = item.Spec.Source.Familiar;
        return item.Status switch
        {
            EnsureStatus.Present => $"{image} is in {registry} as {item.Spec.Target} ({item.TargetDigest}"
                + (item.ExpectedFrom is null ? ")" : $", verified against the {item.ExpectedFrom})"),
            EnsureStatus.Missing => $"{image} is missing from {registry} (as {item.Spec.Target})" + (item.Detail is null ? "" : $": {item.Detail}"),
            EnsureStatus.Differs => $"{image} differs: {registry} has {item.TargetDigest} but the {item.ExpectedFrom} says {item.ExpectedDigest}",
            EnsureStatus.Unlocked => $"{image} is unlocked: {item.Detail}",
            _ => $"{image} is unverified: {item.Detail}; {registry} has {item.TargetDigest}",
        };
    }

    public static string Summary(EnsureReport report)
    {
        var counts = report.Counts;
        return $"{report.Items.Count} images: {counts[EnsureStatus.Present]} present, {counts[EnsureStatus.Missing]} missing, "
            + $"{counts[EnsureStatus.Differs]} differ, {counts[EnsureStatus.Unlocked]} unlocked, {counts[EnsureStatus.Unverified]} unverified";
    }

    /// <summary>Appends the report as a Markdown table to <c>$GITHUB_STEP_SUMMARY</c> when a GitHub Actions job set it.</summary>
    public static async Task AppendStepSummaryAsync(EnsureReport report, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is not { Length: > 0 } path)
        {
            return;
        }
        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"### imagewarmer ensure: {Summary(report)} in {report.TargetRegistry}")
            .AppendLine()
            .AppendLine("| image | ACR target | status | ACR digest | expected |")
            .AppendLine("|---|---|---|---|---|");
        foreach (var item in report.Items)
        {
            var expected = item.ExpectedDigest is null ? item.Detail ?? "" : $"{Short(item.ExpectedDigest)} ({item.ExpectedFrom})";
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| `{item.Spec.Source.Familiar}` | `{item.Spec.Target}` | {item.StatusText} | {Short(item.TargetDigest)} | {expected.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }
        await File.AppendAllTextAsync(path, table.AppendLine().ToString(), cancellationToken);
    }

    private static string Short(string? digest) => digest is null ? "" : $"`{(digest.Length > 19 ? digest[..19] : digest)}`";
}
