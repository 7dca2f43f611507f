using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Retention;

namespace ImageWarmer.Core.Tests.Retention;

/// <summary>Which tags prune may remove, decided from the ledger row alone.</summary>
public sealed class PruneRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public static TheoryData<string, int?, int?, string?, bool, string> Rows => new()
    {
        // name, imported days ago, declared days ago, backup of, pruned?, reason contains
        { "never imported by ImageWarmer", null, 40, null, false, "not created by ImageWarmer" },
        { "declared today, imported long ago", 90, 0, null, false, "declared today" },
        { "declared within the window", 90, 10, null, false, "within the window" },
        { "imported within the window, never declared", 5, null, null, false, "imported 5d ago, within the window" },
        { "last declared past the window", 90, 31, null, true, "last declared 31d ago" },
        { "imported past the window, never declared", 45, null, null, true, "never declared, imported 45d ago" },
        { "young backup", 3, null, "lib/app:1", false, "backup of lib/app:1 kept 3d ago" },
        { "old backup", 40, null, "lib/app:1", true, "backup of lib/app:1 kept 40d ago" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Judge_Row_PrunedOnlyWhenImageWarmersAndUndeclaredPastTheWindow(
        string name, int? importedDaysAgo, int? declaredDaysAgo, string? backupOf, bool pruned, string reason)
    {
        var row = new LedgerEntry("lib/app:1", "docker.io/lib/app:1", Now, null, null, LedgerResult.Present, null, 1, null, null)
        {
            ImportedSource = importedDaysAgo is null ? null : "docker.io/lib/app:1",
            ImportedDigest = importedDaysAgo is null ? null : "sha256:" + new string('a', 64),
            ImportedAt = importedDaysAgo is { } i ? Now.AddDays(-i) : null,
            LastDeclared = declaredDaysAgo is { } d ? Now.AddDays(-d).AddMinutes(declaredDaysAgo == 0 ? 30 : 0) : null,
            BackupOf = backupOf,
        };

        var verdict = PruneRules.Judge(row, Now.AddHours(1), Window);

        Assert.True(verdict.Prune == pruned, name);
        Assert.Contains(reason, verdict.Reason, StringComparison.Ordinal);
    }
}
