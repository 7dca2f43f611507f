using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Retention;

namespace ImageWarmer.Core.Tests.Retention;

/// <summary>Whether prune may trust the ledger's declarations: only a clean, complete run within FreshFor makes them
/// fresh, and the refusal says what the ledger shows.</summary>
public sealed class DeclarationFreshnessTests
{
    private const string Registry = "team.azurecr.io";
    private const string Remedy = "let the nightly run record the declarations again, or have prune read the current manifests itself";
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan FreshFor = TimeSpan.FromDays(2);

    [Fact]
    public void Refusal_NoRunEver_SaysSo_WithoutALastRun()
    {
        Assert.Equal(
            $"prune deletes nothing: the ledger shows no complete declaration run without problems for {Registry}; {Remedy}",
            DeclarationFreshness.Refusal(null, Registry, Now, FreshFor));
    }

    [Theory]
    [InlineData(5 * 60, "5h ago")]
    [InlineData(24 * 60 - 1, "23h ago")]
    [InlineData(24 * 60, "1d ago")]
    [InlineData(50 * 60, "2d ago")]
    public void Refusal_OnlyRunsWithProblems_SaysWhenTheLastOneRanAndHowManyItHad(int minutesAgo, string ago)
    {
        var run = new DeclarationRun(Registry, Now.AddMinutes(-minutesAgo), 3, null);

        Assert.Equal(
            $"prune deletes nothing: the ledger shows no complete declaration run without problems for {Registry} (the last one, {ago}, had 3 problems); {Remedy}",
            DeclarationFreshness.Refusal(run, Registry, Now, FreshFor));
    }

    [Fact]
    public void Refusal_CleanRunExactlyFreshForOld_IsFresh_AndATickOlderIsNot()
    {
        var edge = new DeclarationRun(Registry, Now, 2, Now - FreshFor);
        var older = new DeclarationRun(Registry, Now, 2, Now - FreshFor - TimeSpan.FromTicks(1));

        Assert.Null(DeclarationFreshness.Refusal(edge, Registry, Now, FreshFor));
        Assert.Equal(
            $"prune deletes nothing: the last complete declaration run without problems for {Registry} was 2d ago, "
            + $"longer than 2 days (ImageWarmer:Retention:FreshFor); {Remedy}",
            DeclarationFreshness.Refusal(older, Registry, Now, FreshFor));
    }

    [Theory]
    [InlineData(30, "1d ago", "0.5")]
    [InlineData(3, "3h ago", "0.083")]
    public void Refusal_StaleCleanRun_SaysItsAgeAndTheBound(int hoursAgo, string ago, string days)
    {
        var freshFor = TimeSpan.FromHours(hoursAgo == 30 ? 12 : 2);
        var run = new DeclarationRun(Registry, Now, 0, Now.AddHours(-hoursAgo));

        Assert.Equal(
            $"prune deletes nothing: the last complete declaration run without problems for {Registry} was {ago}, "
            + $"longer than {days} days (ImageWarmer:Retention:FreshFor); {Remedy}",
            DeclarationFreshness.Refusal(run, Registry, Now, freshFor));
    }
}
