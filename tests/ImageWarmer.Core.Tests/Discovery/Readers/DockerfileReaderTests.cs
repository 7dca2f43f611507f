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
        { "# unknown=directive|# escape=`|FROM alpine:3.20 \\|  AS base", "3 docker.io/library/alpine:3.20" },
        { "FROM alpine:3.20|RUN <<EOF|FROM not-an-image:1|EOF|FROM nginx:1", "1 docker.io/library/alpine:3.20, 5 docker.io/library/nginx:1" },
        { "FROM ghcr.io/owner/tool:2 AS tool", "1 ghcr.io/owner/tool:2" },
        { "FROM alpine:3.20|ARG LATER=1|FROM busybox:1.36", "1 docker.io/library/alpine:3.20, 3 docker.io/library/busybox:1.36" },
        { "RUN echo|FROM alpine@sha256:" + new string('c', 64), "2 docker.io/library/alpine@sha256:" + new string('c', 64) },
        { "FROM nginx:1.27\r|RUN true\r", "1 docker.io/library/nginx:1.27" },
    };

    private static readonly string Digest = "sha256:" + new string('c', 64);

    // The # syntax= parser directive: BuildKit pulls that frontend, but only from the file's first lines (known
    // directives may come first); anywhere else it is a comment.
    public static TheoryData<string, string> SyntaxDirectives => new()
    {
        { "# syntax=docker/dockerfile:1|FROM alpine:3.20", "1 docker.io/docker/dockerfile:1, 2 docker.io/library/alpine:3.20" },
        { "# syntax=docker/dockerfile-upstream:1.4.0|FROM --platform=linux/amd64 debian:bookworm-slim",
            "1 docker.io/docker/dockerfile-upstream:1.4.0, 2 docker.io/library/debian:bookworm-slim" },
        { "# escape=`|# syntax=docker/dockerfile:1|FROM `|  alpine:3.20", "2 docker.io/docker/dockerfile:1, 3 docker.io/library/alpine:3.20" },
        { "#check=skip=JSONArgsRecommended|#\tSYNTAX = docker/dockerfile:1.7 |FROM scratch", "2 docker.io/docker/dockerfile:1.7" },
        { "# syntax=docker/dockerfile:1.7@" + Digest + "|FROM scratch", "1 docker.io/docker/dockerfile:1.7@" + Digest },
        { "# syntax=ghcr.io/owner/frontend:2 --frontend-arg=1|FROM scratch", "1 ghcr.io/owner/frontend:2" },
        { "#!/usr/bin/env -S docker build -f|# syntax=docker/dockerfile:1|FROM scratch", "2 docker.io/docker/dockerfile:1" },
        { "# syntax=docker/dockerfile:1\r|FROM scratch\r", "1 docker.io/docker/dockerfile:1" },
        { "# syntax=docker/dockerfile:1|# syntax=other/frontend:2|FROM scratch", "1 docker.io/docker/dockerfile:1" },
        { "# About this file|# syntax=docker/dockerfile:1|FROM alpine:3.20", "3 docker.io/library/alpine:3.20" },
        { "# unknown=directive|# syntax=docker/dockerfile:1|FROM scratch", "" },
        { "|# syntax=docker/dockerfile:1|FROM scratch", "" },
        { "  # syntax=docker/dockerfile:1|FROM scratch", "" },
        { "# escape=`|# escape=\\|# syntax=docker/dockerfile:1|FROM scratch", "" },
        { "FROM alpine:3.20|# syntax=docker/dockerfile:1", "1 docker.io/library/alpine:3.20" },
    };

    // COPY --from= and RUN --mount=…,from= name an image unless a stage of the file has that name or index.
    public static TheoryData<string, string> StageSources => new()
    {
        { "FROM alpine:3.20|COPY --from=busybox:1.36 /bin/busybox /bin/", "1 docker.io/library/alpine:3.20, 2 docker.io/library/busybox:1.36" },
        { "FROM scratch|COPY --chown=1:1 --from=\"busybox:1.36\" --link /a /a", "2 docker.io/library/busybox:1.36" },
        { "FROM scratch|copy --from=ghcr.io/owner/tool:2@" + Digest + " /a /a", "2 ghcr.io/owner/tool:2@" + Digest },
        { "FROM scratch|COPY \\|  --from=busybox:1.36 \\|  /a /a", "2 docker.io/library/busybox:1.36" },
        { "FROM golang:1.23 AS build|FROM scratch|COPY --from=BUILD /a /a", "1 docker.io/library/golang:1.23" },
        { "FROM scratch AS one|COPY --from=two /a /a|FROM busybox:1.36 AS two", "3 docker.io/library/busybox:1.36" },
        { "FROM golang:1.23|FROM scratch|COPY --from=0 /a /a|COPY --from=1 /b /b", "1 docker.io/library/golang:1.23" },
        { "FROM scratch|COPY --from=scratch /a /a", "" },
        { "ARG TOOLS=busybox:1.36|FROM ${TOOLS} AS tools|FROM scratch|COPY --from=tools /bin/x /x", "2 docker.io/library/busybox:1.36" },
        { "FROM scratch|COPY a --from=busybox:1.36 /b", "" },
        { "FROM scratch|ADD --from=busybox:1.36 /a /a", "" },
        { "FROM scratch|ONBUILD COPY --from=busybox:1.36 /a /a", "" },
        { "FROM scratch|RUN --mount=type=bind,from=golang:1.22,source=/usr/local/go,target=/go go version", "2 docker.io/library/golang:1.22" },
        { "FROM scratch|RUN --mount=type=cache,target=/root/.cache,FROM=busybox:1.36 true", "2 docker.io/library/busybox:1.36" },
        { "FROM scratch|RUN --network=none --mount=from=busybox:1.36,target=/a --mount=type=bind,from=golang:1.22,target=/g true",
            "2 docker.io/library/busybox:1.36, 2 docker.io/library/golang:1.22" },
        { "FROM scratch|RUN --mount=\"type=bind,from=golang:1.22,target=/g\" true", "2 docker.io/library/golang:1.22" },
        { "FROM golang:1.22 AS build|FROM scratch|RUN --mount=from=build,target=/b --mount=type=cache,target=/c ls", "1 docker.io/library/golang:1.22" },
        { "FROM scratch|RUN echo --mount=from=busybox:1.36", "" },
        { "FROM scratch|RUN <<EOF|COPY --from=busybox:1.36 /a /a|EOF", "" },
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
        { "ARG IMG=busybox:1.36|FROM scratch|COPY --from=${IMG} /a /a", 3, "BuildKit does not expand build arguments" },
        { "FROM scratch|RUN --mount=type=bind,from=$IMG,target=/x true", 2, "BuildKit does not expand build arguments" },
        { "FROM scratch|COPY --from=1 /a /a", 2, "no stage 1" },
        { "FROM scratch|COPY --from=-1 /a /a", 2, "no stage -1" },
        { "FROM scratch|COPY --from=Busybox /a /a", 2, "lowercase" },
        { "# syntax=Docker/dockerfile:1|FROM scratch", 1, "lowercase" },
    };

    [Theory]
    [MemberData(nameof(FromLines))]
    [MemberData(nameof(SyntaxDirectives))]
    [MemberData(nameof(StageSources))]
    public void Read_FindsExactlyTheImagesTheBuildPulls_WithTheirLines(string dockerfile, string expected)
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
