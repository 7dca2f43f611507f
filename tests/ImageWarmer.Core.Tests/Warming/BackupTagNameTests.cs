using ImageWarmer.Core.Warming;

namespace ImageWarmer.Core.Tests.Warming;

/// <summary>The backup tag a template names: the tag and date formats of the UTC time.</summary>
public sealed class BackupTagNameTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 23, 30, 0, TimeSpan.FromHours(-5)); // 2026-11-30 04:30 UTC

    [Theory]
    [InlineData("{tag}-prev-{yyyyMMdd}", "1.27", "1.27-prev-20261130")]
    [InlineData("prev-{yyyyMMddHHmm}-{tag}", "latest", "prev-202611300430-latest")]
    public void TryFormat_Template_TagAndUtcDate(string template, string tag, string expected)
    {
        Assert.True(BackupTagName.TryFormat(template, tag, At, out var backup, out _));
        Assert.Equal(expected, backup);
    }

    [Theory]
    [InlineData("{tag}-prev-{yyyyMMdd}", true)]
    [InlineData("", true)]
    [InlineData("prev-{yyyyMMdd}", false)] // every tag of a repository would share one backup
    [InlineData("{tag}-prev-{yyyyMMdd", false)]
    public void IsValidTemplate_NeedsTheTagAndClosedBraces(string template, bool valid)
    {
        Assert.Equal(valid, BackupTagName.IsValidTemplate(template));
    }
}
