using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Discovery.Snapshots;
using ImageWarmer.Core.Tests.Memory;
using ImageWarmer.Testing;

namespace ImageWarmer.Core.Tests.Discovery.Snapshots;

/// <summary>A hostile snapshot can neither exhaust memory nor abort the scan: metadata headers over the limit are
/// refused before the tar reader parses them, problem texts and lists are capped, and an archive the reader cannot
/// make sense of is a problem, not a crash. Allocations are measured around each scan.</summary>
[Collection(MemoryBoundCollection.Name)]
public sealed class HostileSnapshotTests : IDisposable
{
    private const long MemoryBound = 64L * 1024 * 1024;
    private readonly TemporaryDirectory _tree = new();
    private readonly SnapshotOptions _options = new();

    [Fact]
    public async Task ScanAsync_783KbArchiveWithAGigabytePaxHeader_RefusedBeforeParsing_AllocatesLittle_KeepsWhatCameBefore()
    {
        var path = Archive(a => a.File("first/Dockerfile", "FROM nginx:1\n").PaxPath(800_000_000).File("last/Dockerfile", "FROM redis:7\n"));
        Assert.InRange(new FileInfo(path).Length, 1, 1024 * 1024);

        var (result, allocated) = await ScanAsync(path);

        Assert.Equal(["docker.io/library/nginx:1"], result.Images.Select(i => i.Source.FullyQualified));
        var problem = Assert.Single(result.Problems);
        Assert.Equal(path, problem.Path);
        Assert.Contains("a PAX extended header of 800,000,000 bytes at offset 1,024; at most 65,536 are read", problem.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, MemoryBound);
    }

    [Fact]
    public async Task ScanAsync_PaxSizeRecordHidesAHeaderInsideData_StillSeenAndRefused()
    {
        // The header of "cover.txt" claims 2 KiB of data; the PAX record before it says 0, which is what the reader uses,
        // so the next header it reads is the one hidden in those 2 KiB.
        var path = Archive(a => a.File("first/Dockerfile", "FROM nginx:1\n")
            .PaxRecords("size=0")
            .Header("cover.txt", '0', 2048)
            .Raw(HostileArchives.HeaderBlock("PaxHeaders/hidden", 'x', 800_000_000)));

        var (result, allocated) = await ScanAsync(path);

        Assert.Equal(["docker.io/library/nginx:1"], result.Images.Select(i => i.Source.FullyQualified));
        Assert.Contains("a PAX extended header of 800,000,000 bytes", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, MemoryBound);
    }

    [Fact]
    public async Task ScanAsync_GnuLongNameOverTheLimit_Refused()
    {
        var path = Path.Combine(_tree.Path, "gnu.tar.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Gnu))
        {
            Add(tar, new GnuTarEntry(TarEntryType.RegularFile, "first/Dockerfile"), "FROM nginx:1\n");
            Add(tar, new GnuTarEntry(TarEntryType.RegularFile, new string('a', 100_000) + "/Dockerfile"), "FROM long:1\n");
        }

        var (result, allocated) = await ScanAsync(path);

        Assert.Equal(["docker.io/library/nginx:1"], result.Images.Select(i => i.Source.FullyQualified));
        Assert.Matches(@"a GNU long name of 100,0\d\d bytes at offset [\d,]+; at most 65,536 are read", Assert.Single(result.Problems).Message);
        Assert.InRange(allocated, 0, MemoryBound);
    }

    [Fact]
    public async Task ScanAsync_ThousandsOfLongUnsafeNames_ProblemsCappedAndCut_LittleKept()
    {
        var path = Path.Combine(_tree.Path, "names.tar.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            for (var i = 0; i < 3000; i++)
            {
                Add(tar, new PaxTarEntry(TarEntryType.RegularFile, $"../{i}/{new string('a', 30_000)}/Dockerfile"), "FROM evil:1\n");
            }
            Add(tar, new PaxTarEntry(TarEntryType.RegularFile, "good/Dockerfile"), "FROM nginx:1\n");
        }
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var (result, _) = await ScanAsync(path);

        var kept = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.Equal(["docker.io/library/nginx:1"], result.Images.Select(i => i.Source.FullyQualified));
        Assert.Equal(ManifestFindings.MaxProblems + 1, result.Problems.Count);
        Assert.Equal(2000, result.ProblemsDropped);
        Assert.Equal($"2,000 more problems were not listed (a scan keeps 1,000)", result.Problems[^1].Message);
        Assert.All(result.Problems.SkipLast(1), p =>
        {
            Assert.InRange(p.Path.Length, 1, ManifestFindings.MaxPathLength);
            Assert.Contains("characters left out", p.Path, StringComparison.Ordinal);
        });
        Assert.InRange(kept, long.MinValue, 16L * 1024 * 1024);
        GC.KeepAlive(result);
    }

    [Fact]
    public async Task ScanAsync_EntryTypeTheReaderDoesNotSupport_AProblemNotACrash()
    {
        var path = Archive(a => a.File("first/Dockerfile", "FROM nginx:1\n").Header("sparse/Dockerfile", 'S', 0).File("last/Dockerfile", "FROM redis:7\n"));

        var (result, _) = await ScanAsync(path);

        Assert.Equal(["docker.io/library/nginx:1"], result.Images.Select(i => i.Source.FullyQualified));
        Assert.Contains("archive could not be read further", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanAsync_EmptyFolder_IsAClearError()
    {
        var e = await Assert.ThrowsAsync<SnapshotUnreadableException>(() =>
            ManifestScanner.CreateDefault(new DiscoveryOptions(), _options).ScanAsync(new DirectorySnapshotSource(_tree.Path, _options)));

        Assert.Empty(e.Problems);
        Assert.Contains("holds no manifest file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanAsync_ArchiveThatIsNotGzip_IsAClearErrorWithItsProblem()
    {
        var path = _tree.Write("snapshot.tar.gz", "not an archive at all");

        var e = await Assert.ThrowsAsync<SnapshotUnreadableException>(() => ScanAsync(path));

        var problem = Assert.Single(e.Problems);
        Assert.Equal(path, problem.Path);
        Assert.Contains("archive could not be read further", problem.Message, StringComparison.Ordinal);
        Assert.Contains($"snapshot {path} holds no manifest that could be read (1 problem): {path}: archive could not be read further", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanAsync_EveryManifestRefused_IsAClearErrorWithItsProblems()
    {
        _tree.Write("a/porter.yaml", new string('#', 2048));
        _tree.Write("b/Dockerfile", new string('#', 2048));
        var options = new SnapshotOptions { MaxFileBytes = 1024 };

        var e = await Assert.ThrowsAsync<SnapshotUnreadableException>(() =>
            ManifestScanner.CreateDefault(new DiscoveryOptions(), options).ScanAsync(new DirectorySnapshotSource(_tree.Path, options)));

        Assert.Equal(["a/porter.yaml", "b/Dockerfile"], e.Problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.Contains("over the 1,024-byte limit", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _tree.Dispose();

    private string Archive(Action<HostileArchives> write)
    {
        var path = Path.Combine(_tree.Path, $"{Guid.NewGuid():n}.tar.gz");
        using (var file = File.Create(path))
        using (var archive = new HostileArchives(file))
        {
            write(archive);
        }
        return path;
    }

    private async Task<(ScanResult Result, long Allocated)> ScanAsync(string archive)
    {
        var scanner = ManifestScanner.CreateDefault(new DiscoveryOptions(), _options);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await scanner.ScanAsync(new LocalArchiveSnapshotSource(archive, _options));
        return (result, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    private static void Add(TarWriter tar, TarEntry entry, string content)
    {
        entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        tar.WriteEntry(entry);
    }
}
