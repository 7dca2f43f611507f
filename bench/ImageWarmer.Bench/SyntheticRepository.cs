using System.Globalization;

namespace ImageWarmer.Bench;

/// <summary>
/// Writes a repository of N manifests shaped like a large Porter-based monorepo: porter.yaml bundles with import
/// blocks, multi-stage Dockerfiles with global ARGs, and catalogs. Images repeat across files (as base images do),
/// so deduplication has real work to do.
/// </summary>
internal static class SyntheticRepository
{
    private static readonly string[] Bases = ["debian", "alpine", "python", "node", "golang", "nginx", "redis", "postgres", "busybox", "ubuntu"];

    public static int Generate(string directory, int manifests)
    {
        for (var i = 0; i < manifests; i++)
        {
            var folder = Path.Combine(directory, $"area{i % 50:D2}", $"component{i:D5}");
            Directory.CreateDirectory(folder);
            var (name, content) = (i % 5) switch
            {
                0 or 1 => ("porter.yaml", Porter(i)),
                2 or 3 => (i % 2 == 0 ? "Dockerfile" : "Dockerfile.tmpl", Dockerfile(i)),
                _ => ("imagewarmer.yaml", Catalog(i)),
            };
            File.WriteAllText(Path.Combine(folder, name), content);
            // Files discovery must pass over without reading, as in a real repository.
            File.WriteAllText(Path.Combine(folder, "main.tf"), "resource \"null_resource\" \"x\" {}\n");
        }
        Console.WriteLine($"wrote {manifests} manifests under {directory}");
        return 0;
    }

    private static string Version(int i) => string.Create(CultureInfo.InvariantCulture, $"{1 + (i % 7)}.{i % 13}.{i % 3}");

    private static string Porter(int i) => $$"""
        ---
        schemaVersion: 1.0.0
        name: bundle-{{i}}
        version: {{Version(i)}}
        description: "Synthetic bundle {{i}}"
        registry: azuretre
        custom:
          runtime_image:
            name: team/app-{{i % 400}}
            import:
              source: docker.io/vendor{{i % 40}}/app-{{i % 400}}
              tag: "{{Version(i)}}"
        credentials:
          - name: azure_client_id
            env: ARM_CLIENT_ID
        parameters:
          - name: tre_id
            type: string
        mixins:
          - exec
          - terraform:
              clientVersion: 1.9.8
        install:
          - terraform:
              description: "Deploy"
              vars:
                tre_id: ${ bundle.parameters.tre_id }
        """;

    private static string Dockerfile(int i) => $$"""
        # syntax=docker/dockerfile:1
        ARG BASE_IMAGE={{Bases[i % Bases.Length]}}
        ARG BASE_TAG={{Version(i / 10)}}
        ARG BUNDLE_DIR

        FROM --platform=linux/amd64 ${BASE_IMAGE}:${BASE_TAG} AS build
        WORKDIR /src
        COPY . .
        RUN make build \
            && make test

        FROM build AS test
        RUN make check

        FROM {{Bases[(i + 3) % Bases.Length]}}:{{Version(i / 20)}}-slim
        COPY --from=build /src/out /app
        ENTRYPOINT ["/app/run"]
        """;

    private static string Catalog(int i) => $"""
        version: 1
        images:
          - {Bases[i % Bases.Length]}:{Version(i / 30)}
          - source: docker.io/tools/tool-{i % 100}:{Version(i)}
            target: tools/tool-{i % 100}
          - quay.io/vendor/thing:{Version(i)}
        """;
}
