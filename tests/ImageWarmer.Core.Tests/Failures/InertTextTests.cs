using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Core.Tests.Failures;

public sealed class InertTextTests
{
    [Theory]
    [InlineData("plain text: 404 not found", "plain text: 404 not found")]
    [InlineData("a\nb", @"a\u000Ab")]
    [InlineData("a\r\n::error::x", @"a\u000D\u000A::error::x")]
    [InlineData("tab\there", "tab here")]
    [InlineData("line\u2028sep\u2029para\u0085nel", @"line\u2028sep\u2029para\u0085nel")]
    [InlineData("bidi \u202Egnp.exe", @"bidi \u202Egnp.exe")]
    [InlineData("zero\u200Bwidth\u0000nul\u001B[31mred", @"zero\u200Bwidth\u0000nul\u001B[31mred")]
    [InlineData("::error title=Deploy approved::ok", @"\u003A:error title=Deploy approved::ok")]
    [InlineData("   ::warning::x", @"   \u003A:warning::x")]
    [InlineData("##[error]x", @"\u0023#[error]x")]
    [InlineData("see ##vso[task.setvariable variable=x]1", @"see #\u0023vso[task.setvariable variable=x]1")]
    [InlineData("\n::error::x", @"\u000A::error::x")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void OneLine_OutsideText_OneInertLine(string? text, string expected) => Assert.Equal(expected, InertText.OneLine(text));

    [Fact]
    public void ImageWarmerException_MessageFromOutside_IsOneInertLine()
    {
        var e = new ImageWarmerException(FailureKind.Refused, "registry said: ok\n::error::forged");

        Assert.Equal(@"registry said: ok\u000A::error::forged", e.Message);
    }

    [Theory]
    [InlineData("application/vnd.oci.image.manifest.v1+json", true)]
    [InlineData("application/vnd.dev.cosign.artifact.sig.v1+json", true)]
    [InlineData("application/vnd.oci.image.manifest.v1+json\n", false)]
    [InlineData("application/json; charset=utf-8", false)]
    [InlineData("text/plain\n::error::x", false)]
    [InlineData("no-slash", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void MediaTypes_IsWellFormed_TypeSlashSubtypeOnly(string? mediaType, bool expected) => Assert.Equal(expected, MediaTypes.IsWellFormed(mediaType));

    [Theory]
    [InlineData("sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n")]
    [InlineData("sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n")]
    public void Digests_TrailingNewline_NotADigest(string digest) => Assert.False(Digests.TryCheck(digest, out _));
}
