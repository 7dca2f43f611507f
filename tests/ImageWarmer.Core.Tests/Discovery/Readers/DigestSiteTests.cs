using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Pinning;
using ImageWarmer.Core.Discovery.Readers;

namespace ImageWarmer.Core.Tests.Discovery.Readers;

/// <summary>Each reader says where a declaration's digest goes: the exact span of the reference or the digest value (inside
/// its quotes), or the place for a new <c>digest:</c> line, or why pin must leave it alone.</summary>
public sealed class DigestSiteTests
{
    [Theory]
    [InlineData("FROM --platform=linux/amd64 debian:bookworm-slim AS base\n", "debian:bookworm-slim")]
    [InlineData("FROM debian:bookworm-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
        "debian:bookworm-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("FROM \\\n    --platform=linux/arm64 \\\n    debian:bookworm-slim \\\n    AS base\n", "debian:bookworm-slim")]
    [InlineData("# escape=`\r\nFROM `\r\n  debian:bookworm-slim\r\n", "debian:bookworm-slim")]
    [InlineData("# syntax = docker/dockerfile-upstream:1.4.0 \r\nFROM scratch\r\n", "docker/dockerfile-upstream:1.4.0")]
    [InlineData("# escape=`\n#syntax=docker/dockerfile:1 --frontend-arg\nFROM scratch\n", "docker/dockerfile:1")]
    [InlineData("FROM scratch\nCOPY --link --from=\"busybox:1.36\" /a /a\n", "busybox:1.36")]
    [InlineData("FROM scratch\nCOPY \\\n  --from=busybox:1.36 /a /a\n", "busybox:1.36")]
    [InlineData("FROM scratch\nRUN --mount=type=bind,from=golang:1.22,target=/g go version\n", "golang:1.22")]
    [InlineData("FROM scratch\nRUN --mount=\"type=cache,target=/c,from=golang:1.22\" true\n", "golang:1.22")]
    public void Dockerfile_ImageOfFromSyntaxOrStageSource_SpanIsTheImageAsWritten(string text, string image)
    {
        var site = Read(new DockerfileReader(), "Dockerfile", text);

        Assert.Equal((DigestSiteKind.Reference, image), (site.Kind, site.Text));
        Assert.Equal(image, text.Substring(site.Start, site.Length));
    }

    [Fact]
    public void Dockerfile_PinnedSyntaxDirective_CarriesItsDigest_PinReplacesOnlyTheDigest()
    {
        const string old = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        const string next = "sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
        const string text = $"# syntax=docker/dockerfile:1.7@{old} --arg\nFROM scratch\n";

        var site = Read(new DockerfileReader(), "Dockerfile", text);
        var pinned = TextEdit.Apply(text, [TextEdit.Pin(site, next, text)!]);

        Assert.Equal(old, site.CurrentDigest);
        Assert.Equal($"# syntax=docker/dockerfile:1.7@{next} --arg\nFROM scratch\n", pinned);
    }

    [Theory]
    [InlineData("ARG BASE=debian:bookworm-slim\nFROM $BASE\n", "build argument")]
    [InlineData("ARG TAG=bookworm-slim\nFROM debian:${TAG}\n", "build argument")]
    public void Dockerfile_ImageFromABuildArgument_IsNotTouched(string text, string reason)
    {
        var site = Read(new DockerfileReader(), "Dockerfile", text);

        Assert.Equal(DigestSiteKind.Fixed, site.Kind);
        Assert.Contains(reason, site.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Porter_QuotedDigestOnCrlfLines_SpanIsInsideTheQuotes()
    {
        const string digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        var text = $"custom:\r\n  runtime_image:\r\n    import:\r\n      source: guacamole/guacd\r\n      tag: '1.5.5'\r\n      digest: \"{digest}\" # pinned\r\n";

        var site = Read(new PorterManifestReader(), "porter.yaml", text);

        Assert.Equal((DigestSiteKind.DigestField, digest), (site.Kind, site.Text));
        Assert.Equal(digest, text.Substring(site.Start, site.Length));
    }

    [Fact]
    public void Porter_NoDigest_NewLineAfterTheImportBlock_IndentedLikeItsKeys()
    {
        const string text = "custom:\n  runtime_image:\n    import:\n      source: guacamole/guacd\n      tag: \"1.5.5\"  # version\n    name: guacd\n";

        var site = Read(new PorterManifestReader(), "porter.yaml", text);

        Assert.Equal((DigestSiteKind.NewDigestField, "      "), (site.Kind, site.Indent));
        Assert.Equal(text.IndexOf("  # version", StringComparison.Ordinal) + "  # version".Length, site.Start);
    }

    [Theory]
    [InlineData("custom:\n  runtime_image:\n    import: {source: guacamole/guacd, tag: \"1.5.5\"}\n")]
    [InlineData("custom:\n  runtime_image:\n    import:\n      source: guacamole/guacd\n      tag: \"1.5.5\"\n      digest:\n")]
    public void Porter_FlowMappingOrEmptyDigest_IsNotTouched(string text)
    {
        Assert.Equal(DigestSiteKind.Fixed, Read(new PorterManifestReader(), "porter.yaml", text).Kind);
    }

    [Fact]
    public void Catalog_EntriesOfEveryShape()
    {
        const string text = """
            images:
              - hashicorp/terraform:1.9.8     # plain
              - "nginx:1.27.3"
              - source: alpine:3.20.3
                target: tools/alpine
              - &shared redis:7.4.1
            """;
        var findings = new ManifestFindings();
        new CatalogReader().Read("imagewarmer.yaml", text, findings);
        var sites = findings.Images.Select(i => i.Origin.Site!).ToList();

        Assert.Equal(
            [DigestSiteKind.Reference, DigestSiteKind.Reference, DigestSiteKind.NewDigestField, DigestSiteKind.Fixed],
            sites.Select(s => s.Kind));
        Assert.Equal("hashicorp/terraform:1.9.8", text.Substring(sites[0].Start, sites[0].Length));
        Assert.Equal("nginx:1.27.3", text.Substring(sites[1].Start, sites[1].Length));
        Assert.Equal("    ", sites[2].Indent);
    }

    private static DigestSite Read(IManifestReader reader, string path, string text)
    {
        var findings = new ManifestFindings();
        reader.Read(path, text, findings);
        Assert.Empty(findings.Problems);
        return Assert.Single(findings.Images).Origin.Site!;
    }
}
