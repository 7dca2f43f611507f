using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Discovery.Readers;

namespace ImageWarmer.Core.Tests.Discovery.Readers;

public sealed class DockerfileReaderTests
{
    // Dockerfile text ("|" separates lines), then the images found as "line reference" joined by ", ".
    public static TheoryData<string, string> FromLines => new()
    {
        { "FROM nginx:1.27", "1 docker.io/library/nginx:1.27" },
        { "from nginx", "1 docker.io/library/nginx:latest" },
        { "FROM --platform=linux/amd64 debian:bookworm-slim", "1 docker.io/library/debian:bookworm-slim" },
        { "FROM --platform=$BUILDPLATFORM golang:1.23 AS build", "1 docker.io/library/golang:1.23" },
        { "ARG TAG=3.20|FROM alpine:${TAG}", "2 docker.io/library/alpine:3.20" },
        { "ARG TAG=3.20|FROM alpine:$TAG", "2 docker.io/library/alpine:3.20" },
        { "ARG IMAGE=\"redis:7.4\"|FROM ${IMAGE}", "2 docker.io/library/redis:7.4" },
        { "ARG IMAGE='redis:7.4'|FROM $IMAGE", "2 docker.io/library/redis:7.4" },
        { "ARG V=3.12 OS=bookworm|FROM python:${V}-slim-${OS}", "2 docker.io/library/python:3.12-slim-bookworm" },
        { "ARG V=3.12|ARG FULL=python:${V}|FROM $FULL", "3 docker.io/library/python:3.12" },
        { "FROM ${MISSING:-busybox:1.36}", "1 docker.io/library/busybox:1.36" },
        { "ARG SET=x|FROM busybox${SET:+:1.36}", "2 docker.io/library/busybox:1.36" },
        { "FROM golang:1.23 AS build|FROM build|FROM BUILD AS again", "1 docker.io/library/golang:1.23" },
        { "FROM scratch|FROM SCRATCH AS x", "" },
        { "FROM golang:1.23 AS build|FROM alpine:3.20|COPY --from=build /a /a", "1 docker.io/library/golang:1.23, 2 docker.io/library/alpine:3.20" },
        { "FROM \\|  nginx:1.27 \\|  AS web", "1 docker.io/library/nginx:1.27" },
        { "FROM \\|# a comment inside a continuation|  nginx:1.27", "1 docker.io/library/nginx:1.27" },
        { "# escape=`|FROM `|  nginx:1.27", "2 docker.io/library/nginx:1.27" },
        { "# FROM commented:1|FROM nginx:1", "2 docker.io/library/nginx:1" },
        { "FROM alpine:3.20|RUN <<EOF|FROM not-an-image:1|EOF|FROM nginx:1", "1 docker.io/library/alpine:3.20, 5 docker.io/library/nginx:1" },
        { "FROM ghcr.io/owner/tool:2 AS tool", "1 ghcr.io/owner/tool:2" },
        { "FROM alpine:3.20|ARG LATER=1|FROM busybox:1.36", "1 docker.io/library/alpine:3.20, 3 docker.io/library/busybox:1.36" },
        { "RUN echo|FROM alpine@sha256:" + new string('c', 64), "2 docker.io/library/alpine@sha256:" + new string('c', 64) },
        { "FROM nginx:1.27\r|RUN true\r", "1 docker.io/library/nginx:1.27" },
    };

    // Dockerfile text, then a line and a word its problem must contain.
    public static TheoryData<string, int, string> Problems => new()
    {
        { "ARG BASE|FROM ${BASE}", 2, "$BASE has no value" },
        { "FROM $UNDECLARED:1", 1, "$UNDECLARED has no value" },
        { "FROM alpine|ARG STAGE_ONLY=x|FROM ${STAGE_ONLY}", 3, "$STAGE_ONLY" },
        { "FROM Alpine:3", 1, "lowercase" },
        { "FROM", 1, "names no image" },
        { "FROM --platform=linux/amd64", 1, "names no image" },
        { "FROM alpine:3 build", 1, "expected 'FROM" },
        { "FROM alpine;id", 1, "metacharacter" },
        { "ARG A=${B}|FROM alpine:$A", 1, "ARG default uses $B" },
    };

    [Theory]
    [MemberData(nameof(FromLines))]
    public void Read_FromLines_FindsExactlyTheImages(string dockerfile, string expected)
    {
        var findings = Read(dockerfile);
        Assert.Empty(findings.Problems);
        var found = string.Join(", ", findings.Images.Select(i => $"{i.Origin.Line} {i.Source.FullyQualified}"));
        Assert.Equal(expected, found);
        Assert.All(findings.Images, i => Assert.Equal(ManifestKind.Dockerfile, i.Origin.Kind));
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Read_UnusableFrom_IsAProblemWithItsLine_NeverAnImage(string dockerfile, int line, string messageContains)
    {
        var findings = Read(dockerfile);
        var problem = Assert.Single(findings.Problems, p => p.Message.Contains(messageContains, StringComparison.Ordinal));
        Assert.Equal(line, problem.Line);
        Assert.Equal("app/Dockerfile", problem.Path);
        Assert.DoesNotContain(findings.Images, i => i.Origin.Line == line);
    }

    private static ManifestFindings Read(string dockerfile)
    {
        var findings = new ManifestFindings();
        new DockerfileReader().Read("app/Dockerfile", dockerfile.Replace('|', '\n'), findings);
        return findings;
    }
}
