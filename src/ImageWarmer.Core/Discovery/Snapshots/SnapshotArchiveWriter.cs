using System.Formats.Tar;
using System.IO.Compression;

namespace ImageWarmer.Core.Discovery.Snapshots;

/// <summary>
/// Packs the manifest files of a snapshot source into a <c>.tar.gz</c>: only the files discovery reads, sorted,
/// with a fixed timestamp, so the same manifests give the same bytes.
/// </summary>
public static class SnapshotArchiveWriter
{
    private static readonly DateTimeOffset FixedTime = DateTimeOffset.UnixEpoch;

    /// <summary>Writes the archive to <paramref name="output"/> (left open).</summary>
    /// <returns>The files packed, and the ones that could not be read with the reason.</returns>
    public static async Task<(int Packed, IReadOnlyList<SnapshotEntry> Failed)> WriteAsync(
        ISnapshotSource source, Stream output, CancellationToken cancellationToken = default)
    {
        var readable = new List<SnapshotEntry>();
        var failed = new List<SnapshotEntry>();
        await foreach (var entry in source.ReadEntriesAsync(cancellationToken))
        {
            (entry.Content is null ? failed : readable).Add(entry);
        }

        await using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in readable.OrderBy(e => e.Path, StringComparer.Ordinal))
            {
                var tarEntry = new PaxTarEntry(TarEntryType.RegularFile, entry.Path)
                {
                    DataStream = new MemoryStream(entry.Content!, writable: false),
                    ModificationTime = FixedTime,
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                };
                await tar.WriteEntryAsync(tarEntry, cancellationToken);
            }
        }
        return (readable.Count, failed);
    }
}
