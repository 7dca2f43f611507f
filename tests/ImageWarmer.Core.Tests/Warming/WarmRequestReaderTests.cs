using ImageWarmer.Core.Contracts;
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
    [InlineData("docker.io/library/nginx:1.27", "library/nginx", null)]
    [InlineData("docker.io/library/nginx:1.27", "tools/nginx", "is not in library/nginx")] // the manifests named it: not for the queue
    [InlineData("docker.io/library/nginx:1.27@sha256:1111111111111111111111111111111111111111111111111111111111111111", "library/nginx", null)] // a worker asks upstream to vouch
    [InlineData("docker.io/library/nginx@sha256:1111111111111111111111111111111111111111111111111111111111111111", "library/nginx", null)] // the digest's own tag
    [InlineData("ghcr.io/team/app:1", "team/app", "source registry ghcr.io is not allowed")]
    public void IsQueueable_WhatAQueueMessageMayAskFor(string source, string repository, string? refusal)
    {
        var reference = ImageReference.Parse(source);
        Assert.True(TargetImage.TryCreate(repository, TargetImage.DefaultTagFor(reference), out var target, out _));

        var queueable = Reader(null).IsQueueable(new ImportSpec(reference, target, []), out var reason);

        Assert.Equal(refusal is null, queueable);
        Assert.Contains(refusal ?? "", reason ?? "");
    }

    [Theory]
    [InlineData("docker.io/library/nginx:1.27", null, true)]
    [InlineData("index.docker.io/library/nginx:1.27", null, true)] // Docker Hub by another name
    [InlineData("ghcr.io/team/app:1", null, false)]
    [InlineData("127.0.0.1:5000/team/app:1", null, false)]
    [InlineData("ghcr.io/team/app:1", "ghcr.io,quay.io", true)]
    [InlineData("quay.io/team/app:1", "ghcr.io,quay.io", true)]
    [InlineData("nginx:1.27", "ghcr.io,quay.io", false)] // a configured list replaces the default
    [InlineData("GHCR.IO/team/app:1", "ghcr.io", true)]
    public void TryRead_SourceRegistries_OnlyTheAllowedOnes(string source, string? allowed, bool ok)
    {
        var reader = new WarmRequestReader(
            Options.Create(new DiscoveryOptions { AllowedSourceRegistries = allowed?.Split(',') }),
            Options.Create(new WarmingOptions()));

        var read = reader.TryRead($$"""{"version":1,"source":"{{source}}"}""", out var request, out var spec, out var reason);

        Assert.Equal(ok, read);
        if (ok)
        {
            Assert.Equal(ImageReference.Parse(source), spec!.Source);
            Assert.Equal(source, request!.Source);
            Assert.Null(reason);
        }
        else
        {
            var registry = ImageReference.Parse(source).Registry;
            var list = allowed is null ? "docker.io" : string.Join(", ", allowed.Split(',').Order(StringComparer.Ordinal));
            Assert.Equal($"source registry {registry} is not allowed (allowed: {list})", reason);
            Assert.Null(spec);
        }
    }

    [Fact]
    public void TryRead_AllowedRepositoriesAndRegistries_BothMustAdmit()
    {
        var reader = new WarmRequestReader(
            Options.Create(new DiscoveryOptions { AllowedSourceRegistries = ["ghcr.io"] }),
            Options.Create(new WarmingOptions { AllowedRepositories = ["team"] }));

        Assert.True(reader.TryRead("""{"version":1,"source":"ghcr.io/team/app:1"}""", out _, out _, out _));
        Assert.False(reader.TryRead("""{"version":1,"source":"ghcr.io/other/app:1"}""", out _, out _, out var repository));
        Assert.False(reader.TryRead("""{"version":1,"source":"docker.io/team/app:1"}""", out _, out _, out var registry));
        Assert.Equal("source repository other/app is not in ImageWarmer:Warming:AllowedRepositories (team; whole path segments)", repository);
        Assert.StartsWith("source registry docker.io is not allowed", registry, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "message is not a warm request in JSON: ")]
    [InlineData("""{"version":1,"source":"nginx:1.27",""", "message is not a warm request in JSON: ")]
    [InlineData("null", "message version (none) is not supported (this ImageWarmer reads version 1)")]
    [InlineData("""{"source":"nginx:1.27"}""", "message version 0 is not supported (this ImageWarmer reads version 1)")]
    [InlineData("""{"version":2,"source":"nginx:1.27"}""", "message version 2 is not supported (this ImageWarmer reads version 1)")]
    [InlineData("""{"version":1,"source":"nginx:1.27","deferrals":-1}""", "message says it was deferred -1 times; deferrals cannot be negative")]
    [InlineData("""{"version":1}""", "message has no source image")]
    [InlineData("""{"version":1,"source":"  "}""", "message has no source image")]
    [InlineData("""{"version":1,"source":"NGINX:1.27"}""", "source 'NGINX:1.27' is not a valid image reference: ")]
    [InlineData("""{"version":1,"source":"nginx:1.27","target":"Bad Name"}""", "target 'Bad Name' is not a valid ACR repository[:tag]: ")]
    public void TryRead_BadMessage_RejectedWithTheReason(string text, string reason)
    {
        var ok = Reader(null).TryRead(text, out var request, out var spec, out var why);

        Assert.False(ok);
        Assert.StartsWith(reason, why, StringComparison.Ordinal);
        Assert.Null(request is null ? null : (object?)spec);
    }

    [Fact]
    public void TryRead_TooLong_RejectedUnread_AtTheLimitRead()
    {
        var message = """{"version":1,"source":"nginx:1.27","requestedBy":"X"}""";
        var atLimit = message.Replace("X", new string('x', WarmRequestReader.MaxMessageBytes - message.Length + 1), StringComparison.Ordinal);
        var overLimit = message.Replace("X", new string('x', WarmRequestReader.MaxMessageBytes - message.Length + 2), StringComparison.Ordinal);

        Assert.True(Reader(null).TryRead(atLimit, out _, out _, out _));
        Assert.False(Reader(null).TryRead(overLimit, out var request, out _, out var reason));
        Assert.Null(request);
        Assert.Equal($"message is {WarmRequestReader.MaxMessageBytes + 1:N0} characters; a warm request is at most {WarmRequestReader.MaxMessageBytes:N0}", reason);
    }

    [Fact]
    public void TryRead_Accepted_TheRequestAsSentAndASpecFromTheQueue()
    {
        Assert.True(Reader(null).TryRead("""{"version":1,"source":"nginx:1.27","requestedBy":"run 7","force":true,"deferrals":2}""",
            out var request, out var spec, out var reason));

        Assert.Null(reason);
        Assert.Equal(new WarmRequest(1, "nginx:1.27", null, "run 7", true, 2), request);
        Assert.Equal(("docker.io/library/nginx:1.27", "library/nginx:1.27"), (spec.Source.FullyQualified, spec.Target.ToString()));
        Assert.Equal([new ImageOrigin("queue", 0, ManifestKind.Catalog)], spec.Origins);
    }

    [Fact]
    public void TryName_TargetOutsideTheDerivedRepository_NamedAsAsked_TryToSpecRefusesIt()
    {
        var reader = Reader(null);
        var request = new WarmRequest(1, "nginx:1.27", "tools/nginx:1.27", null, false);

        Assert.True(reader.TryName(request, out var named, out _));
        Assert.Equal("tools/nginx:1.27", named.Target.ToString());
        Assert.False(reader.TryToSpec(request, out var spec, out var reason));
        Assert.Null(spec);
        Assert.Equal("target 'tools/nginx:1.27' is not in library/nginx, the repository derived from nginx:1.27: "
            + "a queue request names a source, and its ACR repository always follows from it", reason);
    }

    private static WarmRequestReader Reader(string? prefix, List<string>? repositories = null) => new(
        Options.Create(new DiscoveryOptions { TargetPrefix = prefix }),
        Options.Create(new WarmingOptions { AllowedRepositories = repositories ?? [] }));
}
