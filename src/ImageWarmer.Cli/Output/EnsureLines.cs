using System.Globalization;
using System.Text;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Operations;
using ImageWarmer.Core.Operations.Ensure;
using ImageWarmer.Core.Planning;

namespace ImageWarmer.Cli.Output;

/// <summary>The readable form of a preflight: one line per image that a person can act on, a summary, and (in a
/// GitHub Actions job) a Markdown table appended to the job's step summary. What upstream said is made inert in both.</summary>
internal static class EnsureLines
{
    public static string Line(EnsureItem item, string registry)
    {
        var image = item.Spec.Source.Familiar;
        return item.Status switch
        {
            EnsureStatus.Present => $"{image} is in {registry} as {item.Spec.Target} ({item.TargetDigest}"
                + (item.ExpectedFrom is null ? ")" : $", verified against the {item.ExpectedFrom})"),
            EnsureStatus.Missing => $"{image} is missing from {registry} (as {item.Spec.Target})" + (item.Detail is null ? "" : $": {Inert.Line(item.Detail)}"),
            EnsureStatus.Differs => $"{image} differs: {registry} has {item.TargetDigest} but the {item.ExpectedFrom} says {item.ExpectedDigest}; {NextStep(item)}",
            EnsureStatus.Unlocked => $"{image} is unlocked: {Inert.Line(item.Detail)}",
            _ => $"{image} is unverified: {Inert.Line(item.Detail)}; {registry} has {item.TargetDigest}",
        };
    }

    // What to do about a digest that is not the expected one depends on who expects it.
    private static string NextStep(EnsureItem item) => item.ExpectedFrom switch
    {
        "lock" => "next: if the registry's image is the one to keep, run 'imagewarmer lock' again and commit the lock; "
            + "else warm the locked digest back ('imagewarmer warm --manifests …')",
        "pin" => $"next: request the pinned image ('imagewarmer request {item.Spec.Source.FullyQualified}'), or pin the registry's digest ('imagewarmer pin')",
        _ => "next: the tag moved upstream; take the new image ('imagewarmer warm --drift Reimport --manifests …'), "
            + "or keep the registry's by pinning it ('imagewarmer pin')",
    };

    public static string Summary(EnsureReport report)
    {
        var counts = report.Counts;
        return $"{Words.Count(report.Items.Count, "image")}: {counts[EnsureStatus.Present]} present, {counts[EnsureStatus.Missing]} missing, "
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
            // The detail quotes registries: a code span, so no heading, link or HTML of theirs lands in the summary.
            var expected = item.ExpectedDigest is null ? Inert.CodeSpan(item.Detail) : $"{Short(item.ExpectedDigest)} ({item.ExpectedFrom})";
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| `{item.Spec.Source.Familiar}` | `{item.Spec.Target}` | {item.Status.ToText()} | {Short(item.TargetDigest)} | {expected} |");
        }
        await File.AppendAllTextAsync(path, table.AppendLine().ToString(), cancellationToken);
    }

    private static string Short(string? digest) => digest is null ? "" : $"`{(digest.Length > 19 ? digest[..19] : digest)}`";
}
