using System.Text;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Discovery.Snapshots;
using ImageWarmer.Testing;

namespace ImageWarmer.Core.Tests.Discovery;

public sealed class ManifestScannerTests
{
    private static readonly SnapshotOptions Limits = new();

    [Fact]
    public async Task ScanAsync_Samples_FindsEveryDeclaredImageWithItsOrigins()
    {
        var result = await Scanner().ScanAsync(new DirectorySnapshotSource(RepositoryPaths.Samples, Limits));

        Assert.Equal(SampleExpectations.Images, ScanFormat.Images(result));
        Assert.Equal(SampleExpectations.Skipped, ScanFormat.Skipped(result));
        Assert.Empty(result.Problems);
        Assert.Equal(SampleExpectations.ManifestFiles, result.FilesScanned);
    }

    [Fact]
    public async Task ScanAsync_HostileTree_ReportsEveryBadFile_AndScansTheRest()
    {
        using var tree = new TemporaryDirectory();
        tree.CopyFrom(Path.Combine(AppContext.BaseDirectory, "TestData", "hostile"));
        tree.Write("binary/Dockerfile", [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]);
        tree.Write("huge/porter.yaml", Encoding.UTF8.GetBytes("name: huge\n" + new string('#', 10 * 1024 * 1024)));
        tree.Write("invalid-utf8/imagewarmer.yaml", [.. "images:\n  - nginx:1\n  - "u8, 0xC3, 0x28, .. "\n"u8]);
        File.CreateSymbolicLink(Path.Combine(tree.Path, "good", "Dockerfile"), Path.Combine(tree.Path, "good", "api.Dockerfile"));

        var result = await Scanner().ScanAsync(new DirectorySnapshotSource(tree.Path, Limits));

        Assert.Equal(
            [
                "docker.io/library/alpine:3.20 => library/alpine:3.20 | unresolved/Dockerfile.build:6 dockerfile",
                "docker.io/library/busybox:1.36.1 => library/busybox:1.36.1 | bad-references/Dockerfile:8 dockerfile",
                "docker.io/library/python:3.12-slim-bookworm => library/python:3.12-slim-bookworm | good/api.Dockerfile:1 dockerfile",
                "docker.io/sonatype/nexus3:3.77.2 => sonatype/nexus3:3.77.2 | good/porter.yaml:6 porter",
            ],
            ScanFormat.Images(result));
        Assert.Equal(["quay.io/prometheus/node-exporter:v1.8.2 @ bad-references/Dockerfile:7"], ScanFormat.Skipped(result));

        string[] expectedProblems =
        [
            "alias-bomb/porter.yaml:8: alias bomb",
            "bad-references/Dockerfile:1: lowercase",
            "bad-references/Dockerfile:2: expected 'FROM",
            "bad-references/Dockerfile:3: expected 'FROM",
            "bad-references/Dockerfile:4: metacharacter '$'",
            "bad-references/Dockerfile:5: '..'",
            "bad-references/Dockerfile:6: 129 characters",
            "binary/Dockerfile:1: binary file",
            "good/Dockerfile: symbolic link",
            "huge/porter.yaml: over the 1,048,576-byte limit",
            "invalid-utf8/imagewarmer.yaml:3: not valid UTF-8",
            "malformed/porter.yaml:6: invalid YAML",
            "nested/porter.yaml:3: nested more than 64",
            "unresolved/Dockerfile.build:2: $MISSING_VERSION",
            "unresolved/Dockerfile.build:4: $BASE_IMAGE has no value",
            "unresolved/Dockerfile.build:5: $RUNTIME_TAG has no value",
            "wrong-types/porter.yaml:4: custom.runtime_image.name must be a single value",
            "wrong-types/porter.yaml:7: custom.runtime_image.import.tag must be a single value",
        ];
        Assert.True(expectedProblems.Length == result.Problems.Count, string.Join("\n", result.Problems));
        foreach (var (expected, actual) in expectedProblems.Zip(result.Problems.Select(p => p.ToString())))
        {
            var (place, words) = (expected[..expected.IndexOf(": ", StringComparison.Ordinal)], expected[(expected.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
            Assert.StartsWith(place + ": ", actual, StringComparison.Ordinal);
            Assert.Contains(words, actual, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ScanAsync_SnapshotPastTotalLimit_StopsWithAProblemNamingIt()
    {
        using var tree = new TemporaryDirectory();
        for (var i = 0; i < 5; i++)
        {
            tree.Write($"b{i}/Dockerfile", $"FROM busybox:1.{i}\n" + new string('#', 400));
        }
        var limits = new SnapshotOptions { MaxFileBytes = 1000, MaxSnapshotBytes = 1000 };
        var scanner = ManifestScanner.CreateDefault(new DiscoveryOptions(), limits);

        var result = await scanner.ScanAsync(new DirectorySnapshotSource(tree.Path, limits));

        Assert.Equal(2, result.Images.Count);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("more than 1,000 bytes of manifests", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanAsync_MissingFolder_ThrowsSnapshotNotFound()
    {
        var e = await Assert.ThrowsAsync<SnapshotNotFoundException>(() =>
            Scanner().ScanAsync(new DirectorySnapshotSource("/nonexistent/imagewarmer", Limits)));
        Assert.Contains("/nonexistent/imagewarmer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanAsync_AReaderBug_Surfaces_NotReportedAsTheFilesProblem()
    {
        using var tree = new TemporaryDirectory();
        tree.Write("Dockerfile", "FROM alpine:3.20\n");
        var scanner = new ManifestScanner([new BuggyReader()], new DiscoveryOptions(), Limits);

        // Parsing runs in parallel, so the bug comes wrapped, alone.
        var e = await Assert.ThrowsAsync<AggregateException>(() => scanner.ScanAsync(new DirectorySnapshotSource(tree.Path, Limits)));

        Assert.Equal("a bug in the reader", Assert.IsType<InvalidOperationException>(Assert.Single(e.InnerExceptions)).Message);
    }

    private static ManifestScanner Scanner() => ManifestScanner.CreateDefault(new DiscoveryOptions(), Limits);

    private sealed class BuggyReader : Core.Discovery.Readers.IManifestReader
    {
        public ManifestKind Kind => ManifestKind.Dockerfile;

        public void Read(string path, string text, ManifestFindings findings) => throw new InvalidOperationException("a bug in the reader");
    }
}
