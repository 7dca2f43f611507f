namespace ImageWarmer.Testing;

/// <summary>What <c>samples/</c> declares, written out by hand from the files: the tests compare scans against it.</summary>
public static class SampleExpectations
{
    /// <summary>Each image as "source => target", then its origins as "path:line kind".</summary>
    public static readonly IReadOnlyList<string> Images =
    [
        "docker.io/docker/dockerfile:1 => docker/dockerfile:1 | api_app/Dockerfile:1 dockerfile"
            + ", templates/shared_services/sonatype-nexus/Dockerfile.tmpl:1 dockerfile",
        "docker.io/gitea/gitea:1.22.3 => gitea/gitea:1.22.3 | templates/workspace_services/gitea/docker/Dockerfile:7 dockerfile",
        "docker.io/guacamole/guacd:1.5.5 => tre-workspace-service-guacamole-guacd:1.5.5 | templates/workspace_services/guacamole/porter.yaml:12 porter",
        "docker.io/hashicorp/terraform:1.9.8 => hashicorp/terraform:1.9.8 | imagewarmer.yaml:4 catalog",
        "docker.io/library/alpine:3.20.3 => library/alpine:3.20.3 | templates/workspace_services/gitea/docker/Dockerfile:4 dockerfile",
        "docker.io/library/alpine:3.20.3 => tools/alpine:3.20.3 | imagewarmer.yaml:5 catalog",
        "docker.io/library/debian:bookworm-slim => library/debian:bookworm-slim | resource_processor/vmss_porter/Dockerfile:1 dockerfile"
            + ", templates/shared_services/sonatype-nexus/Dockerfile.tmpl:4 dockerfile",
        "docker.io/library/python:3.12-slim-bookworm => library/python:3.12-slim-bookworm | api_app/Dockerfile:4 dockerfile"
            + ", templates/workspace_services/mlflow/docker/Dockerfile:4 dockerfile, templates/workspace_services/mlflow/docker/Dockerfile:12 dockerfile",
        "docker.io/sonatype/nexus3:3.77.2 => sonatype/nexus3:3.77.2 | templates/shared_services/sonatype-nexus/porter.yaml:13 porter",
    ];

    /// <summary>The references left out, as "reference @ path:line".</summary>
    public static readonly IReadOnlyList<string> Skipped =
    [
        "mcr.microsoft.com/devcontainers/python:1-3.12-bookworm @ api_app/Dockerfile:2",
        "mcr.microsoft.com/azure-cli:2.67.0 @ imagewarmer.yaml:7",
    ];

    /// <summary>How many manifest files samples/ holds.</summary>
    public const int ManifestFiles = 10;
}
