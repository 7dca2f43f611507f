using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Tests.References;

public sealed class ImageReferenceTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public static TheoryData<string, string, string> Valid => new()
    {
        // input, fully qualified, familiar
        { "nginx", "docker.io/library/nginx:latest", "nginx:latest" },
        { "nginx:1.27", "docker.io/library/nginx:1.27", "nginx:1.27" },
        { "library/nginx:1.27", "docker.io/library/nginx:1.27", "nginx:1.27" },
        { "docker.io/nginx", "docker.io/library/nginx:latest", "nginx:latest" },
        { "docker.io/library/nginx:1.27-alpine", "docker.io/library/nginx:1.27-alpine", "nginx:1.27-alpine" },
        { "index.docker.io/library/nginx", "docker.io/library/nginx:latest", "nginx:latest" },
        { "registry.hub.docker.com/sonatype/nexus3:3.77.2", "docker.io/sonatype/nexus3:3.77.2", "sonatype/nexus3:3.77.2" },
        { "registry-1.docker.io/library/redis:7", "docker.io/library/redis:7", "redis:7" },
        { "sonatype/nexus3:3.77.2", "docker.io/sonatype/nexus3:3.77.2", "sonatype/nexus3:3.77.2" },
        { "Docker.IO/library/nginx", "docker.io/library/nginx:latest", "nginx:latest" },
        { "ghcr.io/owner/app:v1.2.3", "ghcr.io/owner/app:v1.2.3", "ghcr.io/owner/app:v1.2.3" },
        { "mcr.microsoft.com/azure-cli", "mcr.microsoft.com/azure-cli:latest", "mcr.microsoft.com/azure-cli:latest" },
        { "localhost/app", "localhost/app:latest", "localhost/app:latest" },
        { "localhost:5000/team/app:dev", "localhost:5000/team/app:dev", "localhost:5000/team/app:dev" },
        { "127.0.0.1:5001/library/busybox:1.36", "127.0.0.1:5001/library/busybox:1.36", "127.0.0.1:5001/library/busybox:1.36" },
        { "[::1]:5000/app:1", "[::1]:5000/app:1", "[::1]:5000/app:1" },
        { "myacr.azurecr.io/a/b/c/d:1", "myacr.azurecr.io/a/b/c/d:1", "myacr.azurecr.io/a/b/c/d:1" },
        { "nginx@" + Digest, "docker.io/library/nginx@" + Digest, "nginx@" + Digest },
        { "nginx:1.27@" + Digest, "docker.io/library/nginx:1.27@" + Digest, "nginx:1.27@" + Digest },
        { "a/b__c.d-e--f_g:1", "docker.io/a/b__c.d-e--f_g:1", "a/b__c.d-e--f_g:1" },
        { "library/a/b:1", "docker.io/library/a/b:1", "library/a/b:1" },
        { "busybox:_private", "docker.io/library/busybox:_private", "busybox:_private" },
        { "busybox:UPPER_case.tag-1", "docker.io/library/busybox:UPPER_case.tag-1", "busybox:UPPER_case.tag-1" },
        { "python:" + new string('a', 128), "docker.io/library/python:" + new string('a', 128), "python:" + new string('a', 128) },
        { "sub.example.com:443/x", "sub.example.com:443/x:latest", "sub.example.com:443/x:latest" },
    };

    public static TheoryData<string?, string> Invalid => new()
    {
        // input, a word the reason must contain
        { null, "empty" },
        { "", "empty" },
        { "Nginx", "lowercase" },
        { "library/Nginx:1", "lowercase" },
        { "docker.io/Library/nginx", "lowercase" },
        { "MyOrg/app", "lowercase" },
        { "nginx:1.27 ", "whitespace" },
        { "ngi nx", "whitespace" },
        { "nginx\t", "control" },
        { "nginx\u0000", "control" },
        { "nginx:1;rm -rf /", "metacharacter ';'" },
        { "nginx;id", "metacharacter ';'" },
        { "nginx$(id)", "metacharacter '$'" },
        { "nginx`id`", "metacharacter '`'" },
        { "nginx|cat", "metacharacter '|'" },
        { "nginx&&x", "metacharacter '&'" },
        { "nginx>out", "metacharacter '>'" },
        { "a/../b", "'..'" },
        { "a/b..c", "'b..c'" },
        { "a//b", "empty path component" },
        { "/nginx", "empty path component" },
        { "nginx/", "empty path component" },
        { "nginx:", "tag is empty" },
        { "nginx:" + new string('a', 129), "129 characters" },
        { "nginx:-bad", "must start with" },
        { "nginx:.bad", "must start with" },
        { "nginx@sha256:abc", "64 lowercase hex" },
        { "nginx@sha256:" + new string('A', 64), "64 lowercase hex" },
        { "nginx@md5:" + new string('a', 32), "not supported" },
        { "nginx@", "sha256:<64 hex digits>" },
        { "nginx@" + Digest + "@" + Digest, "64 lowercase hex" },
        { "-nginx", "lowercase letters and digits" },
        { "nginx-", "lowercase letters and digits" },
        { "a_-b", "lowercase letters and digits" },
        { "a___b", "lowercase letters and digits" },
        { "localhost:notaport/app", "not a number" },
        { "localhost:99999/app", "not a number" },
        { "bad_host.io/app", "not a valid host" },
        { "-bad.io/app", "not a valid host" },
        { "nginx:tag:more", "lowercase letters and digits" },
        { "ngïnx", "non-ASCII" },
        { "docker.io/" + new string('a', 250), "longer than 255" },
        { "a/" + new string('b', 600), "reference is 602 characters long; at most 512 are allowed" },
    };

    // The limits are "at most": a name of exactly 255 characters (registry, '/', repository) is an image, 256 is not;
    // an input of exactly 512 characters is read, so its error is about the name, not the input's length.
    [Fact]
    public void TryParse_NameAndInputAtTheirLimits_AcceptedOneMoreRefused()
    {
        var atLimit = "docker.io/a/" + new string('b', 255 - "docker.io/a/".Length);

        Assert.True(ImageReference.TryParse(atLimit, out var reference, out var error), error);
        Assert.Equal(255, reference.Name.Length);
        Assert.False(ImageReference.TryParse(atLimit + "b", out _, out error));
        Assert.Contains("longer than 255", error, StringComparison.Ordinal);
        Assert.False(ImageReference.TryParse("a/" + new string('b', 510), out _, out error));
        Assert.Contains("longer than 255", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_ValidReference_NormalisesBothForms(string input, string fullyQualified, string familiar)
    {
        Assert.True(ImageReference.TryParse(input, out var reference, out var error), error);
        Assert.Equal(fullyQualified, reference.FullyQualified);
        Assert.Equal(familiar, reference.Familiar);
        Assert.Equal(reference, ImageReference.Parse(reference.FullyQualified));
        Assert.Equal(reference, ImageReference.Parse(reference.Familiar));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void TryParse_InvalidReference_RejectedWithReason(string? input, string reasonContains)
    {
        Assert.False(ImageReference.TryParse(input, out var reference, out var error));
        Assert.Null(reference);
        Assert.Contains(reasonContains, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidReference_ThrowsFormatExceptionNamingInput()
    {
        var e = Assert.Throws<FormatException>(() => ImageReference.Parse("Bad/Name"));
        Assert.Contains("'Bad/Name'", e.Message, StringComparison.Ordinal);
        Assert.Contains("lowercase", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DockerHubOfficialImage_SplitsRegistryRepositoryTag()
    {
        var reference = ImageReference.Parse("nginx:1.27");
        Assert.Equal("docker.io", reference.Registry);
        Assert.Equal("library/nginx", reference.Repository);
        Assert.Equal("1.27", reference.Tag);
        Assert.Null(reference.Digest);
        Assert.Equal("docker.io/library/nginx", reference.Name);
    }

    [Fact]
    public void Parse_DigestOnly_HasNoTag()
    {
        var reference = ImageReference.Parse("alpine@" + Digest);
        Assert.Null(reference.Tag);
        Assert.Equal(Digest, reference.Digest);
    }

    [Fact]
    public void TryWithTagAndDigest_ValidParts_KeepTheRest()
    {
        var reference = ImageReference.Parse("sonatype/nexus3");
        Assert.True(reference.TryWithTag("3.77.2", out var tagged, out _));
        Assert.True(tagged.TryWithDigest(Digest, out var pinned, out _));
        Assert.Equal("docker.io/sonatype/nexus3:3.77.2@" + Digest, pinned.FullyQualified);
        Assert.Equal(tagged, pinned.WithoutDigest());
        Assert.False(reference.TryWithTag("-bad", out _, out var error));
        Assert.Contains("must start with", error, StringComparison.Ordinal);
    }
}
