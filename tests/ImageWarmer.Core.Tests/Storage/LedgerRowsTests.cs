using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Storage;
using ImageWarmer.Core.Storage.Tables;
using static ImageWarmer.Core.Storage.LedgerColumns;

namespace ImageWarmer.Core.Tests.Storage;

/// <summary>The ledger's row mapping, column by column: the keys Table storage accepts, what an attempt keeps of the
/// row it updates, and what a declaration run's row reads back as.</summary>
public sealed class LedgerRowsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("team/app:1", "team|app:1")]
    [InlineData(@"a\b", "a_b")]
    [InlineData("a#b", "a_b")]
    [InlineData("a?b", "a_b")]
    [InlineData("a\tb\u0000c\u007fd", "a_b_c_d")]
    [InlineData("x.y-z_w:1@sha256", "x.y-z_w:1@sha256")]
    public void RowKey_CharactersTableStorageRefuses_BecomeUnderscores_SlashesBars(string key, string rowKey)
    {
        Assert.Equal(rowKey, LedgerRows.RowKey(key));
    }

    [Fact]
    public void Apply_ALaterAttempt_TakesItsRequester_OrKeepsTheRowsWhenItHasNone()
    {
        var row = new TableRow(HomePartition, "team|app:1");
        LedgerRows.Apply(row, Record("pipeline run 7"), Now);
        Assert.Equal(("pipeline run 7", 1), (row.GetString(RequestedBy), row.GetInt32(Attempts)));

        LedgerRows.Apply(row, Record("nightly"), Now);
        Assert.Equal(("nightly", 2), (row.GetString(RequestedBy), row.GetInt32(Attempts)));

        LedgerRows.Apply(row, Record(null), Now);
        Assert.Equal(("nightly", 3), (row.GetString(RequestedBy), row.GetInt32(Attempts)));
    }

    [Fact]
    public void ToDeclarationRun_ReadsProblemsAndTheCleanRun_ZeroWhenProblemsAreMissing_NullWithoutARun()
    {
        var withProblems = LedgerRows.DeclarationRun("team.azurecr.io", Now, problems: 3);
        var clean = LedgerRows.DeclarationRun("team.azurecr.io", Now, problems: 0);
        var written = new TableRow(DeclarationsPartition, "team.azurecr.io") { [LastRun] = Now };

        Assert.Equal(new DeclarationRun("team.azurecr.io", Now, 3, null), LedgerRows.ToDeclarationRun("team.azurecr.io", withProblems));
        Assert.Equal(new DeclarationRun("team.azurecr.io", Now, 0, Now), LedgerRows.ToDeclarationRun("team.azurecr.io", clean));
        Assert.Equal(new DeclarationRun("team.azurecr.io", Now, 0, null), LedgerRows.ToDeclarationRun("team.azurecr.io", written));
        Assert.Null(LedgerRows.ToDeclarationRun("team.azurecr.io", new TableRow(DeclarationsPartition, "team.azurecr.io")));
    }

    private static LedgerRecord Record(string? requestedBy) =>
        new("team/app:1", "docker.io/library/app:1", null, null, LedgerResult.Present, null, requestedBy, "imagewarmer.yaml:1");
}
