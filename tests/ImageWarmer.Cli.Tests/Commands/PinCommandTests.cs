using System.Text.Json;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Tests.Commands;

/// <summary>Drift becomes a pin: <c>pin --dry-run</c> prints the unified diff that writes into each declaration (a
/// Dockerfile FROM, a porter.yaml import, catalog entries of both shapes) the digest the target registry holds, changing
/// that token only; <c>pin</c> writes it, and the rewritten files scan to the same images, now with digests.</summary>
public sealed class PinCommandTests : IDisposable
{
    private readonly string _ns = "p" + Guid.NewGuid().ToString("n")[..10];
    private readonly TemporaryDirectory _manifests = new();
    private readonly ServiceProvider _services = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());
    private readonly string _target = TestServices.TargetRegistry;

    [Fact]
    public async Task Pin_APathWithALineBreak_ReportedAsOneInertLine()
    {
        // A folder name is the snapshot author's text: a line break in it must not start a line of its own.
        var folder = Path.Combine(_manifests.Path, "a\n::error::forged");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Dockerfile"), "FROM $UNSET\n");

        var run = await CliRun.InvokeAsync("pin", _manifests.Path, "--registry", _target, "--dry-run");

        Assert.Contains("not touched: a\\u000A::error::forged", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Error.Split('\n'), line => line.StartsWith("::", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pin_EveryManifestKind_DryRunPrintsTheDiff_PinWritesOnlyTheTokens_RescanFindsTheSameImagesWithDigests()
    {
        var digests = await SeedAsync();
        var (dockerfile, porter, catalog) = WriteManifests(digests["stale"]);
        var before = await ScanAsync();

        var dryRun = await CliRun.InvokeAsync("pin", _manifests.Path, "--registry", _target, "--dry-run");

        Assert.Equal(2, dryRun.ExitCode); // the ARG-based FROM, the unresolved one and the image the registry lacks are not touched
        Assert.Equal(ExpectedDiff(digests), dryRun.Output);
        Assert.Equal((dockerfile, porter, catalog), Read());
        Assert.Contains($"not touched: Dockerfile:6: {_ns}/base:bookworm-slim: the image comes from a build argument", dryRun.Error, StringComparison.Ordinal);
        Assert.Contains($"not touched: imagewarmer.yaml:9: {_ns}/absent:1.0.0: {_ns}/absent:1.0.0 is not in {_target}", dryRun.Error, StringComparison.Ordinal);
        Assert.Contains("not touched: Dockerfile:7: FROM $UNSET: $UNSET has no value", dryRun.Error, StringComparison.Ordinal);
        Assert.Contains("would pin 5 declarations in 3 files", dryRun.Error, StringComparison.Ordinal);

        var pinned = await CliRun.InvokeAsync("pin", _manifests.Path, "--registry", _target, "--json");

        Assert.Equal(2, pinned.ExitCode);
        using (var json = JsonDocument.Parse(pinned.Output))
        {
            Assert.True(json.RootElement.GetProperty("written").GetBoolean());
            Assert.Equal(ExpectedDiff(digests), string.Concat(json.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("diff").GetString())));
        }
        var (newDockerfile, newPorter, newCatalog) = Read();
        Assert.Equal(dockerfile.Replace($"{_ns}/base:bookworm-slim AS", $"{_ns}/base:bookworm-slim@{digests["base"]} AS", StringComparison.Ordinal), newDockerfile);
        Assert.Equal(porter.Replace("# the daemon's version\n", $"# the daemon's version\n      digest: {digests["guacd"]}\n", StringComparison.Ordinal), newPorter);
        var after = await ScanAsync();
        Assert.Equal(before.Select(i => i.Target), after.Select(i => i.Target));
        Assert.Equal(
            before.Select(i => i.Source.Split('@')[0] + (digests.TryGetValue(i.Target.Split(':')[0][(_ns.Length + 1)..], out var d) ? "@" + d : "")),
            after.Select(i => i.Source));

        var again = await CliRun.InvokeAsync("pin", _manifests.Path, "--registry", _target);

        Assert.Equal("", again.Output);
        Assert.Contains("pinned 0 declarations in 0 files", again.Error, StringComparison.Ordinal);
        Assert.Contains("5 already pinned", again.Error, StringComparison.Ordinal);
        Assert.Equal((newDockerfile, newPorter, newCatalog), Read());
    }

    [Fact]
    public async Task Pin_CrlfCatalogWithoutAFinalLineBreak_KeepsItsLineBreaks()
    {
        var client = _services.GetRequiredService<RegistryClient>();
        await TestImages.PushAsync(client, "docker.io", $"{_ns}/tool", "2.0.0");
        var digest = await TestImages.CopyAsync(client, "docker.io", $"{_ns}/tool", "2.0.0", _target, $"{_ns}/tool");
        var catalog = _manifests.Write("imagewarmer.yaml", $"images:\r\n  - source: '{_ns}/tool:2.0.0'\r\n    target: {_ns}/tool");

        var run = await CliRun.InvokeAsync("pin", _manifests.Path, "--registry", _target);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"images:\r\n  - source: '{_ns}/tool:2.0.0'\r\n    target: {_ns}/tool\r\n    digest: {digest}", File.ReadAllText(catalog));
        Assert.EndsWith($"-    target: {_ns}/tool\n\\ No newline at end of file\n+    target: {_ns}/tool\n+    digest: {digest}\n\\ No newline at end of file\n",
            run.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _services.Dispose();
        _manifests.Dispose();
    }

    // Upstream and in the target: every image but "absent"; "stale" is pinned in the catalog to an older digest than the target holds.
    private async Task<Dictionary<string, string>> SeedAsync()
    {
        var client = _services.GetRequiredService<RegistryClient>();
        var digests = new Dictionary<string, string>();
        foreach (var (name, tag, targetRepository) in new[]
        {
            ("base", "bookworm-slim", "base"), ("tool", "1.9.8", "tool"), ("alpine", "3.20.3", "tools/alpine"), ("guacd", "1.5.5", "guacd-mirror"),
        })
        {
            await TestImages.PushAsync(client, "docker.io", $"{_ns}/{name}", tag);
            digests[targetRepository] = await TestImages.CopyAsync(client, "docker.io", $"{_ns}/{name}", tag, _target, $"{_ns}/{targetRepository}");
        }
        digests["guacd"] = digests["guacd-mirror"];
        digests["stale"] = await TestImages.PushAsync(client, "docker.io", $"{_ns}/pinned", "1.0.0");
        await TestImages.PushAsync(client, "docker.io", $"{_ns}/pinned", "1.0.0");
        digests["pinned"] = await TestImages.CopyAsync(client, "docker.io", $"{_ns}/pinned", "1.0.0", _target, $"{_ns}/pinned");
        return digests;
    }

    private (string Dockerfile, string Porter, string Catalog) WriteManifests(string stale)
    {
        var dockerfile = $"""
            # syntax=docker/dockerfile:1
            ARG BASE_TAG=bookworm-slim
            ARG UNSET
            FROM --platform=$BUILDPLATFORM {_ns}/base:bookworm-slim AS build
            RUN echo hi
            FROM {_ns}/base:${"{"}BASE_TAG{"}"}
            FROM $UNSET

            """;
        var porter = $"""
            custom:
              runtime_image:
                name: {_ns}/guacd-mirror
                import:
                  source: {_ns}/guacd
                  tag: "1.5.5"   # the daemon's version

            mixins:
              - exec

            """;
        var catalog = $"""
            # scripts pull these
            version: 1
            images:
              - {_ns}/tool:1.9.8                 # scripts/deploy.sh
              - source: "docker.io/{_ns}/alpine:3.20.3"
                target: {_ns}/tools/alpine
              - source: {_ns}/pinned:1.0.0
                digest: {stale}    # stale pin
              - {_ns}/absent:1.0.0

            """;
        _manifests.Write("Dockerfile", dockerfile);
        _manifests.Write("porter.yaml", porter);
        _manifests.Write("imagewarmer.yaml", catalog);
        return (dockerfile, porter, catalog);
    }

    private string ExpectedDiff(Dictionary<string, string> d) => $"""
        --- a/Dockerfile
        +++ b/Dockerfile
        @@ -1,7 +1,7 @@
         # syntax=docker/dockerfile:1
         ARG BASE_TAG=bookworm-slim
         ARG UNSET
        -FROM --platform=$BUILDPLATFORM {_ns}/base:bookworm-slim AS build
        +FROM --platform=$BUILDPLATFORM {_ns}/base:bookworm-slim@{d["base"]} AS build
         RUN echo hi
         FROM {_ns}/base:${"{"}BASE_TAG{"}"}
         FROM $UNSET
        --- a/imagewarmer.yaml
        +++ b/imagewarmer.yaml
        @@ -1,9 +1,10 @@
         # scripts pull these
         version: 1
         images:
        -  - {_ns}/tool:1.9.8                 # scripts/deploy.sh
        +  - {_ns}/tool:1.9.8@{d["tool"]}                 # scripts/deploy.sh
           - source: "docker.io/{_ns}/alpine:3.20.3"
             target: {_ns}/tools/alpine
        +    digest: {d["tools/alpine"]}
           - source: {_ns}/pinned:1.0.0
        -    digest: {d["stale"]}    # stale pin
        +    digest: {d["pinned"]}    # stale pin
           - {_ns}/absent:1.0.0
        --- a/porter.yaml
        +++ b/porter.yaml
        @@ -3,7 +3,8 @@
             name: {_ns}/guacd-mirror
             import:
               source: {_ns}/guacd
               tag: "1.5.5"   # the daemon's version
        +      digest: {d["guacd"]}
        {" "}
         mixins:
           - exec

        """;

    private (string, string, string) Read() => (
        File.ReadAllText(Path.Combine(_manifests.Path, "Dockerfile")),
        File.ReadAllText(Path.Combine(_manifests.Path, "porter.yaml")),
        File.ReadAllText(Path.Combine(_manifests.Path, "imagewarmer.yaml")));

    private async Task<List<(string Source, string Target)>> ScanAsync()
    {
        var run = await CliRun.InvokeAsync("scan", _manifests.Path, "--json");
        using var json = JsonDocument.Parse(run.Output);
        return [.. json.RootElement.GetProperty("images").EnumerateArray().Select(i => (i.GetProperty("source").GetString()!, i.GetProperty("target").GetString()!))];
    }
}
