using ImageWarmer.Core.Importing.Referrers;
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

    [Theory]
    [InlineData("sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "sha256_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("sha512:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "sha512_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8", "multihash_base58_QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8")]
    [InlineData("a-b:c-d=", "a_b_c_d_")]
    public void TagForDigest_AnyDigest_AValidTagThatNoReferrerTagSchemaCanName(string digest, string expected)
    {
        var tag = TargetImage.TagForDigest(digest);

        Assert.Equal(expected, tag);
        Assert.True(TargetImage.TryCreate("library/alpine", tag, out _, out var error), error);
        // The referrers tag schema's tags (<alg>-<ref>) and cosign's (<alg>-<ref>.sig) always hold a '-'; this never does.
        Assert.DoesNotContain('-', tag);
        Assert.NotEqual(ReferrerTags.Fallback(digest), tag);
        Assert.DoesNotContain(tag, ReferrerTags.Cosign(digest));
    }
}
