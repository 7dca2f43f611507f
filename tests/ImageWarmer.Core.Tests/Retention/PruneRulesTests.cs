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

    [Fact]
    public void Judge_ProvenanceWithoutItsDigest_IsNotImageWarmers()
    {
        // A row with a source but no digest (or the other way) does not prove ImageWarmer wrote the tag: both are needed.
        var sourceOnly = Row(imported: Now.AddDays(-90), declared: Now.AddDays(-90)) with { ImportedDigest = null };
        var digestOnly = Row(imported: Now.AddDays(-90), declared: Now.AddDays(-90)) with { ImportedSource = null };

        Assert.Equal(new PruneVerdict(false, "not created by ImageWarmer", Now.AddDays(-90)), PruneRules.Judge(sourceOnly, Now, Window));
        Assert.Equal(new PruneVerdict(false, "not created by ImageWarmer", Now.AddDays(-90)), PruneRules.Judge(digestOnly, Now, Window));
    }

    [Fact]
    public void Judge_DeclaredAtMidnightToday_IsDeclaredToday_AndJustBeforeIsNot()
    {
        var midnight = new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
        var imported = Now.AddDays(-90);

        var atMidnight = PruneRules.Judge(Row(imported, midnight), Now, TimeSpan.FromHours(1));
        var before = PruneRules.Judge(Row(imported, midnight.AddTicks(-1)), Now, TimeSpan.FromHours(1));

        Assert.Equal(new PruneVerdict(false, "declared today", midnight), atMidnight);
        Assert.Equal(new PruneVerdict(true, "last declared 2h ago", midnight.AddTicks(-1)), before);
    }

    [Fact]
    public void Judge_LastSeenExactlyAWindowAgo_IsPastTheWindow()
    {
        var edge = Now - Window;

        Assert.Equal(new PruneVerdict(true, "last declared 30d ago", edge), PruneRules.Judge(Row(Now.AddDays(-90), edge), Now, Window));
        Assert.Equal(new PruneVerdict(false, "declared 29d ago, within the window", edge.AddTicks(1)),
            PruneRules.Judge(Row(Now.AddDays(-90), edge.AddTicks(1)), Now, Window));
    }

    public static TheoryData<int?, int?, int> LastSeenRows => new()
    {
        // imported hours ago, declared hours ago, which one is last seen (hours ago)
        { 48, 72, 48 },
        { 72, 48, 48 },
        { 60, null, 60 },
        { null, 50, 50 },
    };

    [Theory]
    [MemberData(nameof(LastSeenRows))]
    public void Judge_LastSeen_IsTheLaterOfDeclaredAndImported(int? importedHoursAgo, int? declaredHoursAgo, int lastSeenHoursAgo)
    {
        var row = Row(importedHoursAgo is { } i ? Now.AddHours(-i) : null, declaredHoursAgo is { } d ? Now.AddHours(-d) : null);

        var verdict = PruneRules.Judge(row, Now, TimeSpan.FromHours(36));

        Assert.Equal(Now.AddHours(-lastSeenHoursAgo), verdict.LastSeen);
        Assert.True(verdict.Prune);
    }

    [Fact]
    public void Judge_ReimportedAfterItWasLastDeclared_TheWindowCountsFromTheImport()
    {
        var row = Row(imported: Now.AddDays(-3), declared: Now.AddDays(-40));

        Assert.Equal(new PruneVerdict(false, "declared 3d ago, within the window", Now.AddDays(-3)), PruneRules.Judge(row, Now, Window));
    }

    public static TheoryData<int, string> Ages => new()
    {
        // minutes since it was imported, and how the reason says it
        { 30, "imported 30m ago, within the window" },
        { 60, "imported 1h ago, within the window" },
        { 23 * 60 + 59, "imported 23h ago, within the window" },
        { 24 * 60, "imported 1d ago, within the window" },
        { 47 * 60, "imported 1d ago, within the window" },
        { 48 * 60, "imported 2d ago, within the window" },
    };

    [Theory]
    [MemberData(nameof(Ages))]
    public void Judge_Reason_SaysTheAgeInDaysHoursOrMinutes(int minutesAgo, string reason)
    {
        var verdict = PruneRules.Judge(Row(imported: Now.AddMinutes(-minutesAgo), declared: null), Now, Window);

        Assert.Equal(new PruneVerdict(false, reason, Now.AddMinutes(-minutesAgo)), verdict);
    }

    [Fact]
    public void Judge_Reason_NamesWhatItMeasuredFrom()
    {
        var backup = Row(imported: Now.AddDays(-3), declared: null) with { BackupOf = "lib/app:1" };
        var declaredBackup = Row(imported: Now.AddDays(-50), declared: Now.AddDays(-40)) with { BackupOf = "lib/app:1" };

        Assert.Equal("backup of lib/app:1 kept 3d ago, within the window", PruneRules.Judge(backup, Now, Window).Reason);
        Assert.Equal("declared 10d ago, within the window", PruneRules.Judge(Row(Now.AddDays(-90), Now.AddDays(-10)), Now, Window).Reason);
        Assert.Equal("imported 5d ago, within the window", PruneRules.Judge(Row(Now.AddDays(-5), null), Now, Window).Reason);
        Assert.Equal("backup of lib/app:1 kept 40d ago", PruneRules.Judge(declaredBackup, Now, Window).Reason);
        Assert.Equal("never declared, imported 45d ago", PruneRules.Judge(Row(Now.AddDays(-45), null), Now, Window).Reason);
        Assert.Equal("last declared 31d ago", PruneRules.Judge(Row(Now.AddDays(-90), Now.AddDays(-31)), Now, Window).Reason);
    }

    private static LedgerEntry Row(DateTimeOffset? imported, DateTimeOffset? declared) =>
        new("lib/app:1", "docker.io/lib/app:1", Now, null, null, LedgerResult.Present, null, 1, null, null)
        {
            ImportedSource = "docker.io/lib/app:1",
            ImportedDigest = "sha256:" + new string('a', 64),
            ImportedAt = imported,
            LastDeclared = declared,
        };
}
