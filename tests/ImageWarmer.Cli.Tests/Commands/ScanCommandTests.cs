using System.Text.Json;
using ImageWarmer.Testing;

namespace ImageWarmer.Cli.Tests.Commands;

public sealed class ScanCommandTests
{
    [Fact]
    public async Task Scan_SamplesJson_ListsEveryDeclaredImageWithOrigins()
    {
        var run = await CliRun.InvokeAsync("scan", RepositoryPaths.Samples, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Error);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(SampleExpectations.Images, Images(json));
        Assert.Equal(SampleExpectations.Skipped, json.RootElement.GetProperty("skipped").EnumerateArray()
            .Select(s => $"{s.GetProperty("reference").GetString()} @ {s.GetProperty("path").GetString()}:{s.GetProperty("line").GetInt32()}"));
        Assert.All(json.RootElement.GetProperty("skipped").EnumerateArray(),
            s => Assert.Contains("not an allowed source", s.GetProperty("reason").GetString(), StringComparison.Ordinal));
        Assert.Equal(0, json.RootElement.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public async Task Scan_SamplesTable_ShowsImagesTargetsAndTotals()
    {
        var run = await CliRun.InvokeAsync("scan", RepositoryPaths.Samples);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("sonatype/nexus3:3.77.2", run.Output, StringComparison.Ordinal);
        Assert.Contains("templates/shared_services/sonatype-nexus/porter.yaml:13 (porter)", run.Output, StringComparison.Ordinal);
        Assert.Contains("Not warmed", run.Output, StringComparison.Ordinal);
        Assert.Contains("10 manifest files, 9 images to warm, 2 not warmed, 0 problems", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_FolderWithProblems_ExitsTwo_ReportsThemAndTheGoodImages()
    {
        using var tree = new TemporaryDirectory();
        tree.Write("ok/Dockerfile", "FROM nginx:1.27\n");
        tree.Write("bad/Dockerfile", "ARG BASE\nFROM ${BASE}\n");
        tree.Write("broken/porter.yaml", "custom: [\n");

        var run = await CliRun.InvokeAsync("scan", tree.Path, "--json");

        Assert.Equal(2, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(["docker.io/library/nginx:1.27 => library/nginx:1.27 | ok/Dockerfile:1 dockerfile"], Images(json));
        var problems = json.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("path").GetString()}:{p.GetProperty("line")}").ToList();
        Assert.Equal(["bad/Dockerfile:2", "broken/porter.yaml:2"], problems);
    }

    [Fact]
    public async Task Scan_ProblemsInTable_ArePrintedWithPathAndLine()
    {
        using var tree = new TemporaryDirectory();
        tree.Write("Dockerfile", "FROM Alpine:3\n");

        var run = await CliRun.InvokeAsync("scan", tree.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("problem Dockerfile:1: FROM Alpine:3: not a valid image reference: repository name must be lowercase", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_LocalArchive_SameImagesAsTheFolder()
    {
        using var tree = new TemporaryDirectory();
        var archive = Path.Combine(tree.Path, "snapshot.tar.gz");
        await using (var file = File.Create(archive))
        {
            await Core.Discovery.Snapshots.SnapshotArchiveWriter.WriteAsync(
                new Core.Discovery.Snapshots.DirectorySnapshotSource(RepositoryPaths.Samples, new()), file);
        }

        var run = await CliRun.InvokeAsync("scan", archive, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(SampleExpectations.Images, Images(json));
    }

    [Fact]
    public async Task Scan_ExtraSourceRegistryAndPrefix_WarmsItUnderThePrefix()
    {
        var run = await CliRun.InvokeAsync("scan", RepositoryPaths.Samples, "--json",
            "--source-registry", "docker.io", "--source-registry", "mcr.microsoft.com", "--target-prefix", "mirror");

        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(0, json.RootElement.GetProperty("skipped").GetArrayLength());
        var targets = json.RootElement.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("target").GetString()).ToList();
        Assert.Contains("mirror/azure-cli:2.67.0", targets);
        Assert.Contains("mirror/library/debian:bookworm-slim", targets);
        Assert.Contains("sonatype/nexus3:3.77.2", targets);
    }

    [Fact]
    public async Task Scan_MissingPath_ExitsOneWithAClearError()
    {
        var run = await CliRun.InvokeAsync("scan", "/nonexistent/manifests");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("imagewarmer: /nonexistent/manifests does not exist (expected a folder, a .tar.gz, or blob:container/name)",
            run.Error.Trim());
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Scan_MissingOrBrokenConfigFile_ExitsOneNamingIt()
    {
        using var tree = new TemporaryDirectory();
        var broken = tree.Write("broken.json", "{ not json");

        var missing = await CliRun.InvokeAsync("scan", RepositoryPaths.Samples, "--config", "/nonexistent/settings.json");
        var unreadable = await CliRun.InvokeAsync("scan", RepositoryPaths.Samples, "--config", broken);

        Assert.Equal((1, "imagewarmer: config file /nonexistent/settings.json does not exist"), (missing.ExitCode, missing.Error.Trim()));
        Assert.Equal(1, unreadable.ExitCode);
        Assert.Contains("configuration could not be read", unreadable.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_NoPath_IsAUsageError()
    {
        var run = await CliRun.InvokeAsync("scan");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("path", run.Error, StringComparison.Ordinal);
    }

    private static List<string> Images(JsonDocument json) =>
    [
        .. json.RootElement.GetProperty("images").EnumerateArray().Select(i =>
            $"{i.GetProperty("source").GetString()} => {i.GetProperty("target").GetString()} | "
            + string.Join(", ", i.GetProperty("origins").EnumerateArray().Select(o =>
                $"{o.GetProperty("path").GetString()}:{o.GetProperty("line").GetInt32()} {o.GetProperty("kind").GetString()}"))),
    ];
}
