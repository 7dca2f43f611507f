using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Warming;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Tests.Warming;

/// <summary>What a queue message may ask for: a source from the allow-lists, and a target only in the repository
/// derived from it.</summary>
public sealed class WarmRequestReaderTests
{
    [Theory]
    [InlineData("sonatype", "sonatype/nexus3", true)]
    [InlineData("sonatype", "sonatypeevil/nexus3", false)]
    [InlineData("sonatype/", "sonatypeevil/nexus3", false)]
    [InlineData("sonatype/", "sonatype/nexus3", true)]
    [InlineData("library/nginx", "library/nginx", true)]
    [InlineData("library/nginx", "library/nginx-evil", false)]
    [InlineData("library/nginx", "library/nginx/sub", true)]
    [InlineData("library", "library", true)]
    [InlineData("team/api", "team", false)]
    public void Admits_WholePathSegmentsOnly(string entry, string repository, bool admitted) =>
        Assert.Equal(admitted, RepositoryAllowList.Admits([entry], repository));

    [Theory]
    [InlineData("sonatype", true)]
    [InlineData("/library/", true)]
    [InlineData("", false)]
    [InlineData("/", false)]
    [InlineData("sonatype*", false)]
    [InlineData("Sonatype", false)]
    public void IsValidEntry_RepositoryPathsOnly(string entry, bool valid) => Assert.Equal(valid, RepositoryAllowList.IsValidEntry(entry));

    [Theory]
    [InlineData("""{"version":1,"source":"docker.io/sonatype/nexus3:3.77.2"}""", null, "sonatype/nexus3:3.77.2")]
    [InlineData("""{"version":1,"source":"nginx:1.27","target":"library/nginx"}""", null, "library/nginx:1.27")]
    [InlineData("""{"version":1,"source":"nginx:1.27","target":"library/nginx:stable"}""", null, "library/nginx:stable")]
    [InlineData("""{"version":1,"source":"nginx:1.27"}""", "mirror", "mirror/library/nginx:1.27")]
    [InlineData("""{"version":1,"source":"nginx:1.27","target":"mirror/library/nginx:1.27"}""", "mirror", "mirror/library/nginx:1.27")]
    [InlineData("""{"version":1,"source":"nginx:1.27","target":"library/nginx"}""", "mirror", "target 'library/nginx' is not in mirror/library/nginx")]
    [InlineData("""{"version":1,"source":"docker.io/evil/payload:latest","target":"team/api:prod","force":true}""", null, "target 'team/api:prod' is not in evil/payload")]
    [InlineData("""{"version":1,"source":"docker.io/evil/nginx:1.28.0","target":"library/nginx"}""", null, "target 'library/nginx' is not in evil/nginx")]
    [InlineData("""{"version":1,"source":"docker.io/evil/nginx:1.28.0","target":"evil/nginx/../../library/nginx"}""", null, "not a valid ACR repository")]
    public void TryRead_TargetMustLieInTheDerivedRepository(string message, string? prefix, string expected)
    {
        var reader = Reader(prefix);

        var ok = reader.TryRead(message, out _, out var spec, out var reason);

        // A target is expected as the whole name; a rejection by the start of its reason.
        if (expected.Contains(' ', StringComparison.Ordinal))
        {
            Assert.False(ok);
            Assert.Contains(expected, reason, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(ok, reason);
            Assert.Equal(expected, spec!.Target.ToString());
        }
    }

    [Theory]
    [InlineData("docker.io/sonatype/nexus3:3.77.2", true)]
    [InlineData("docker.io/sonatypeevil/nexus3:3.77.2", false)]
    [InlineData("docker.io/library/nginx:1.27", true)]
    [InlineData("nginx:1.27", true)]
    [InlineData("docker.io/library/nginx-evil:1", false)]
    public void TryRead_AllowedRepositories_WholeSegments(string source, bool allowed)
    {
        var reader = Reader(null, ["sonatype", "library/nginx"]);

        var ok = reader.TryRead($$"""{"version":1,"source":"{{source}}"}""", out _, out _, out var reason);

        Assert.Equal(allowed, ok);
        if (!allowed)
        {
            Assert.Contains("is not in ImageWarmer:Warming:AllowedRepositories (sonatype, library/nginx; whole path segments)", reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TryRead_DeferralsOptional_ReadWhenPresent()
    {
        var reader = Reader(null);

        Assert.True(reader.TryRead("""{"version":1,"source":"nginx:1.27"}""", out var plain, out _, out _));
        Assert.True(reader.TryRead("""{"version":1,"source":"nginx:1.27","deferrals":3}""", out var deferred, out _, out _));

        Assert.Equal((0, 3), (plain.Deferrals, deferred.Deferrals));
    }

    [Theory]
    [InlineData("docker.io/library/nginx:1.27", "library/nginx", true)]
    [InlineData("docker.io/library/nginx:1.27", "tools/nginx", false)] // the manifests named it: not for the queue
    [InlineData("docker.io/library/nginx:1.27@sha256:1111111111111111111111111111111111111111111111111111111111111111", "library/nginx", false)] // tag pinned: upstream must vouch
    [InlineData("docker.io/library/nginx@sha256:1111111111111111111111111111111111111111111111111111111111111111", "library/nginx", true)] // the digest's own tag
    public void IsQueueable_OnlyWhatAWorkerTakesAsItIs(string source, string repository, bool queueable)
    {
        var reference = ImageReference.Parse(source);
        Assert.True(TargetImage.TryCreate(repository, TargetImage.DefaultTagFor(reference), out var target, out _));

        Assert.Equal(queueable, Reader(null).IsQueueable(new ImportSpec(reference, target, [])));
    }

    private static WarmRequestReader Reader(string? prefix, List<string>? repositories = null) => new(
        Options.Create(new DiscoveryOptions { TargetPrefix = prefix }),
        Options.Create(new WarmingOptions { AllowedRepositories = repositories ?? [] }));
}
