using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Discovery.Snapshots;
using ImageWarmer.Testing;

namespace ImageWarmer.Core.Tests.Discovery.Snapshots;

public sealed class TarGzSnapshotReaderTests
{
    [Fact]
    public async Task WriteThenRead_Samples_ScansExactlyLikeTheFolder()
    {
        var options = new SnapshotOptions();
        using var archive = new MemoryStream();
        var (packed, failed) = await SnapshotArchiveWriter.WriteAsync(new DirectorySnapshotSource(RepositoryPaths.Samples, options), archive);
        Assert.Equal(SampleExpectations.ManifestFiles, packed);
        Assert.Empty(failed);

        using var tree = new TemporaryDirectory();
        var path = tree.Write("snapshot.tar.gz", archive.ToArray());
        var result = await ManifestScanner.CreateDefault(new DiscoveryOptions(), options).ScanAsync(new LocalArchiveSnapshotSource(path, options));

        Assert.Equal(SampleExpectations.Images, ScanFormat.Images(result));
        Assert.Equal(SampleExpectations.Skipped, ScanFormat.Skipped(result));
    }

    [Fact]
    public async Task WriteAsync_SameManifests_SameBytes()
    {
        var source = new DirectorySnapshotSource(RepositoryPaths.Samples, new SnapshotOptions());
        using MemoryStream first = new(), second = new();
        await SnapshotArchiveWriter.WriteAsync(source, first);
        await SnapshotArchiveWriter.WriteAsync(source, second);
        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public async Task ReadAsync_HostileEntries_ReportedNotRead_SafeOnesRead()
    {
        var archive = TarGz(tar =>
        {
            AddFile(tar, "./ok/Dockerfile", "FROM nginx:1\n");
            AddFile(tar, "../escape/Dockerfile", "FROM evil:1\n");
            AddFile(tar, "/etc/porter.yaml", "name: abs\n");
            AddFile(tar, "a/../../Dockerfile", "FROM evil:2\n");
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "link/Dockerfile") { LinkName = "/etc/passwd" });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, "hard/porter.yaml") { LinkName = "ok/Dockerfile" });
            AddFile(tar, "big/porter.yaml", new string('#', 2048));
            AddFile(tar, "README.md", "not a manifest");
            AddFile(tar, "last/imagewarmer.yaml", "images: [redis:7]\n");
        });

        var entries = await ReadAll(archive, new SnapshotOptions { MaxFileBytes = 1024 });

        Assert.Equal(
        [
            "ok/Dockerfile: read",
            "../escape/Dockerfile: unsafe path",
            "/etc/porter.yaml: unsafe path",
            "a/../../Dockerfile: unsafe path",
            "link/Dockerfile: SymbolicLink, not a regular file",
            "hard/porter.yaml: HardLink, not a regular file",
            "big/porter.yaml: over the 1,024-byte limit",
            "last/imagewarmer.yaml: read",
        ], entries.Select(Describe));
    }

    // Each limit is "at most": a path or a file of exactly the limit is read, one more is reported, and folders are no entries.
    [Fact]
    public async Task ReadAsync_PathAndFileAtTheLimit_Read_OneOver_Reported()
    {
        static string PathOf(int length) => new string('d', length - "/Dockerfile".Length) + "/Dockerfile";
        var archive = TarGz(tar =>
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "folder/"));
            AddFile(tar, PathOf(30), "FROM a:1\n");
            AddFile(tar, PathOf(31), "FROM b:1\n");
            AddFile(tar, "exact/Dockerfile", new string('#', 16));
            AddFile(tar, "over/Dockerfile", new string('#', 17));
        });

        var entries = await ReadAll(archive, new SnapshotOptions { MaxPathLength = 30, MaxFileBytes = 16 });

        Assert.Equal(
        [
            $"{PathOf(30)}: read",
            $"{PathOf(31)}: path is 31 characters, over the 30-character limit; not read",
            "exact/Dockerfile: read",
            "over/Dockerfile: over the 16-byte limit",
        ], entries.Select(e => e.Error is null ? $"{e.Path}: read" : $"{e.Path}: {(e.Error.Contains("over the 16-byte limit", StringComparison.Ordinal) ? "over the 16-byte limit" : e.Error)}"));
    }

    [Fact]
    public async Task ReadAsync_GzipBomb_StopsAtTheArchiveLimit()
    {
        // 64 MiB of zeros compresses to ~64 KiB; the limit is 1 MiB of expanded archive.
        var archive = TarGz(tar =>
        {
            AddFile(tar, "first/Dockerfile", "FROM nginx:1\n");
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "zeros.bin") { DataStream = new MemoryStream(new byte[64 * 1024 * 1024]) });
            AddFile(tar, "after/Dockerfile", "FROM never:1\n");
        });
        Assert.True(archive.Length < 1024 * 1024);

        var entries = await ReadAll(archive, new SnapshotOptions { MaxArchiveBytes = 1024 * 1024 });

        Assert.Equal(2, entries.Count);
        Assert.Equal("first/Dockerfile: read", Describe(entries[0]));
        Assert.Equal("snapshot.tar.gz", entries[1].Path);
        Assert.Contains("expands to more than 1,048,576 bytes", entries[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_TruncatedArchive_KeepsWhatCameBeforeAndNamesTheArchive()
    {
        var archive = TarGz(tar =>
        {
            AddFile(tar, "first/Dockerfile", "FROM nginx:1\n");
            AddFile(tar, "second/Dockerfile", new string('x', 100_000));
        });
        var truncated = archive[..(archive.Length / 2)];

        var entries = await ReadAll(truncated, new SnapshotOptions());

        Assert.Equal("first/Dockerfile: read", Describe(entries[0]));
        Assert.NotNull(entries[^1].Error);
    }

    [Fact]
    public async Task ReadAsync_NotGzip_IsOneErrorEntry()
    {
        var entries = await ReadAll(Encoding.UTF8.GetBytes("this is not an archive"), new SnapshotOptions());
        var entry = Assert.Single(entries);
        Assert.Equal("snapshot.tar.gz", entry.Path);
        Assert.Contains("archive could not be read", entry.Error, StringComparison.Ordinal);
    }

    private static string Describe(SnapshotEntry entry) =>
        entry.Error is null ? $"{entry.Path}: read" : $"{entry.Path}: {Summary(entry.Error)}";

    private static string Summary(string error) =>
        new[] { "unsafe path", "SymbolicLink, not a regular file", "HardLink, not a regular file", "over the 1,024-byte limit" }
            .FirstOrDefault(s => error.Contains(s, StringComparison.Ordinal)) ?? error;

    private static async Task<List<SnapshotEntry>> ReadAll(byte[] archive, SnapshotOptions options)
    {
        var entries = new List<SnapshotEntry>();
        await foreach (var entry in TarGzSnapshotReader.ReadAsync(new MemoryStream(archive), "snapshot.tar.gz", options))
        {
            entries.Add(entry);
        }
        return entries;
    }

    private static byte[] TarGz(Action<TarWriter> write)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            write(tar);
        }
        return output.ToArray();
    }

    private static void AddFile(TarWriter tar, string name, string content) =>
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });

    [Theory]
    [InlineData(typeof(InvalidDataException), true)]
    [InlineData(typeof(EndOfStreamException), true)]
    [InlineData(typeof(NotSupportedException), true)]
    [InlineData(typeof(ArgumentOutOfRangeException), true)]
    [InlineData(typeof(FormatException), true)]
    [InlineData(typeof(NullReferenceException), false)]
    [InlineData(typeof(InvalidOperationException), false)]
    public void IsBadArchive_WhatTheReadersThrowAtBadBytes_NotABug(Type exception, bool badArchive) =>
        Assert.Equal(badArchive, TarGzSnapshotReader.IsBadArchive((Exception)Activator.CreateInstance(exception)!));
}
