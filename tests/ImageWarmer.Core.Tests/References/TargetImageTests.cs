using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Tests.References;

public sealed class TargetImageTests
{
    [Theory]
    [InlineData("sonatype/nexus3", "3.77.2", "sonatype/nexus3:3.77.2")]
    [InlineData("tools/alpine:3.20", "ignored", "tools/alpine:3.20")]
    [InlineData("tre-workspace-service-guacamole-guacd", "1.5.5", "tre-workspace-service-guacamole-guacd:1.5.5")]
    public void TryParse_ValidName_UsesExplicitTagOrDefault(string text, string defaultTag, string expected)
    {
        Assert.True(TargetImage.TryParse(text, defaultTag, out var target, out var error), error);
        Assert.Equal(expected, target.ToString());
    }

    [Theory]
    [InlineData("Nexus", "lowercase")]
    [InlineData("a/../b", "'..'")]
    [InlineData("nexus:bad tag", "whitespace")]
    [InlineData("nexus;rm", "metacharacter")]
    public void TryParse_InvalidName_RejectedWithReason(string text, string reasonContains)
    {
        Assert.False(TargetImage.TryParse(text, "1", out _, out var error));
        Assert.Contains(reasonContains, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TagForDigest_Digest_IsAValidTag()
    {
        var tag = TargetImage.TagForDigest("sha256:" + new string('a', 64));
        Assert.True(TargetImage.TryCreate("library/alpine", tag, out _, out var error), error);
        Assert.StartsWith("sha256-", tag, StringComparison.Ordinal);
    }
}
