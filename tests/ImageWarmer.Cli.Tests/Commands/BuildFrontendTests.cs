using System.Text.Json;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Tests.Commands;

/// <summary>AzureTRE's bundles, laid out as in its tree: each bundle folder holds a porter.yaml and a Dockerfile.tmpl that
/// starts <c># syntax=docker/dockerfile-upstream:1.4.0</c>, the BuildKit frontend every <c>porter build</c> pulls from
/// Docker Hub before it reads the file. Discovery declares that frontend once, with every Dockerfile as an origin; warm
/// brings it into the target and ensure finds it there; <c>pin --dry-run</c> proposes its digest inside the directive. A bundle whose directive
/// comes after a comment is not an origin: BuildKit reads that line as a comment too.</summary>
public sealed class BuildFrontendTests : IDisposable
{
    private const string Frontend = "docker/dockerfile-upstream:1.4.0";
    private static readonly string[] Bundles =
    [
        "templates/workspace_services/guacamole", "templates/workspace_services/gitea", "templates/shared_services/sonatype-nexus",
    ];

    // Images keep the names AzureTRE's files use; the target gets them under a prefix of this test's own.
    private readonly string _prefix = "f" + Guid.NewGuid().ToString("n")[..10];
    private readonly TemporaryDirectory _tree = new();
    private readonly TemporaryDirectory _settings = new();
    private readonly ServiceProvider _services = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());

    [Fact]
    public async Task BundleDockerfiles_FrontendDeclaredOnceWithEveryOrigin_Warmed_PinProposesItsDigestInTheDirective()
    {
        var client = _services.GetRequiredService<RegistryClient>();
        var frontend = await TestImages.PushAsync(client, "docker.io", "docker/dockerfile-upstream", "1.4.0");
        var debian = await TestImages.PushAsync(client, "docker.io", "library/debian", "bookworm-slim");
        var files = WriteTree();

        var scan = await RunAsync("scan", _tree.Path, "--json");

        Assert.True(scan.ExitCode == 0, scan.Error);
        using (var json = JsonDocument.Parse(scan.Output))
        {
            var images = json.RootElement.GetProperty("images").EnumerateArray().ToDictionary(
                i => i.GetProperty("source").GetString()!,
                i => i.GetProperty("origins").EnumerateArray().Select(o => $"{o.GetProperty("path").GetString()}:{o.GetProperty("line").GetInt32()}").ToList());
            Assert.Equal([$"docker.io/{Frontend}", "docker.io/library/debian:bookworm-slim"], images.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(Bundles.Select(b => $"{b}/Dockerfile.tmpl:1").Order(StringComparer.Ordinal), images[$"docker.io/{Frontend}"]);
            Assert.Equal(4, images["docker.io/library/debian:bookworm-slim"].Count);
        }

        var warm = await RunAsync("warm", "--manifests", _tree.Path, "--endpoint", $"docker.io=http://{TestServices.UpstreamRegistry}");

        Assert.True(warm.ExitCode == 0, warm.Error + warm.Output);
        Assert.Contains("2 images: 2 imported", warm.Output, StringComparison.Ordinal);
        Assert.Equal(frontend, await Skopeo.DigestAsync($"{TestServices.TargetRegistry}/{_prefix}/{Frontend}"));

        var ensure = await RunAsync("ensure", "--manifests", _tree.Path, "--endpoint", $"docker.io=http://{TestServices.UpstreamRegistry}");

        Assert.True(ensure.ExitCode == 0, ensure.Error + ensure.Output);
        Assert.Contains($"{Frontend} is in {TestServices.TargetRegistry} as {_prefix}/{Frontend} ({frontend}, verified against the source)",
            ensure.Output, StringComparison.Ordinal);

        var pin = await RunAsync("pin", _tree.Path, "--dry-run");

        Assert.True(pin.ExitCode == 0, pin.Error);
        const string from = "FROM --platform=linux/amd64 debian:bookworm-slim";
        const string context = " \n # PORTER_INIT\n \n"; // the diff's unchanged lines after the change
        var expected = string.Concat(Bundles.Order(StringComparer.Ordinal).Select(bundle => $"""
            --- a/{bundle}/Dockerfile.tmpl
            +++ b/{bundle}/Dockerfile.tmpl
            @@ -1,5 +1,5 @@
            -# syntax={Frontend}
            -{from}
            +# syntax={Frontend}@{frontend}
            +{from}@{debian}
            {context}
            """)) + $"""
            --- a/templates/workspace_services/openai/Dockerfile.tmpl
            +++ b/templates/workspace_services/openai/Dockerfile.tmpl
            @@ -1,6 +1,6 @@
             # Copyright (c) Microsoft Corporation.
             # syntax={Frontend}
            -{from}
            +{from}@{debian}
            {context}
            """;
        Assert.Equal(expected, pin.Output);
        Assert.Contains("would pin 7 declarations in 4 files", pin.Error, StringComparison.Ordinal);
        Assert.All(files, file => Assert.Equal(file.Text, File.ReadAllText(file.Path)));
    }

    public void Dispose()
    {
        _services.Dispose();
        _tree.Dispose();
        _settings.Dispose();
    }

    private Task<CliRun> RunAsync(string verb, params string[] arguments)
    {
        var settings = _settings.Write("settings.json", $$"""{ "ImageWarmer": { "Discovery": { "TargetPrefix": "{{_prefix}}" } } }""");
        string[] target = verb == "scan" ? [] : ["--registry", TestServices.TargetRegistry];
        return CliRun.InvokeAsync([verb, .. arguments, .. target, "--config", settings]);
    }

    private List<(string Path, string Text)> WriteTree()
    {
        var files = new List<(string, string)>();
        foreach (var bundle in Bundles)
        {
            files.Add(Write($"{bundle}/porter.yaml", Porter(bundle)));
            files.Add(Write($"{bundle}/Dockerfile.tmpl", $"# syntax={Frontend}\n{Body}"));
        }
        // Not a parser directive: BuildKit stops looking for them at the first comment.
        files.Add(Write("templates/workspace_services/openai/porter.yaml", Porter("openai")));
        files.Add(Write("templates/workspace_services/openai/Dockerfile.tmpl", $"# Copyright (c) Microsoft Corporation.\n# syntax={Frontend}\n{Body}"));
        return files;
    }

    private (string, string) Write(string path, string text) => (_tree.Write(path, text), text);

    private const string Body = """
        FROM --platform=linux/amd64 debian:bookworm-slim

        # PORTER_INIT

        RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache

        # PORTER_MIXINS

        COPY --link . ${BUNDLE_DIR}/
        WORKDIR ${BUNDLE_DIR}

        """;

    private static string Porter(string bundle) => $"""
        ---
        schemaVersion: 1.0.0
        name: tre-{Path.GetFileName(bundle)}
        version: 1.0.0
        description: "An Azure TRE bundle"
        dockerfile: Dockerfile.tmpl
        registry: azuretre

        mixins:
          - exec
          - terraform:
              clientVersion: 1.9.8

        install:
          - terraform:
              description: "Deploy"

        """;
}
