using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace ImageWarmer.Core.Discovery.Snapshots;

/// <summary>
/// Reads the manifest files of a <c>.tar.gz</c> stream into memory, never onto disk. Entries with unsafe paths
/// (absolute, <c>..</c>), links and oversized files are reported instead of read; a corrupt archive or one that
/// expands past the limit ends with an error entry naming the archive.
/// </summary>
public static class TarGzSnapshotReader
{
    /// <summary>The entries of the archive in <paramref name="compressed"/>, named relative to its root.</summary>
    public static async IAsyncEnumerable<SnapshotEntry> ReadAsync(
        Stream compressed, string archiveName, SnapshotOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var tar = new BoundedReadStream(new GZipStream(compressed, CompressionMode.Decompress), options.MaxArchiveBytes);
        using var reader = new TarReader(tar);
        while (true)
        {
            var (entry, failure) = await NextAsync(reader, archiveName, cancellationToken);
            if (failure is not null)
            {
                yield return failure;
                yield break;
            }
            if (entry is null)
            {
                yield break;
            }
            if (await ReadEntryAsync(entry, options, archiveName, cancellationToken) is { } result)
            {
                yield return result;
            }
        }
    }

    private static async Task<(TarEntry? Entry, SnapshotEntry? Failure)> NextAsync(TarReader reader, string archiveName, CancellationToken cancellationToken)
    {
        try
        {
            return (await reader.GetNextEntryAsync(copyData: false, cancellationToken), null);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or SnapshotLimitException or IOException)
        {
            return (null, SnapshotEntry.Failed(archiveName, $"archive could not be read further: {e.Message}"));
        }
    }

    private static async Task<SnapshotEntry?> ReadEntryAsync(TarEntry entry, SnapshotOptions options, string archiveName, CancellationToken cancellationToken)
    {
        var name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
        if (entry.EntryType == TarEntryType.Directory)
        {
            return null;
        }
        if (IsUnsafe(name))
        {
            return SnapshotEntry.Failed(name, "archive entry has an unsafe path (absolute or with '..'); not read");
        }
        if (!ManifestFileNames.IsSnapshotFile(name))
        {
            return null;
        }
        if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
        {
            return SnapshotEntry.Failed(name, $"archive entry is a {entry.EntryType}, not a regular file; links are not followed");
        }
        if (entry.Length > options.MaxFileBytes)
        {
            return SnapshotEntry.TooLarge(name, entry.Length, options.MaxFileBytes);
        }
        var content = new byte[entry.Length];
        try
        {
            if (entry.DataStream is { } data)
            {
                await data.ReadExactlyAsync(content, cancellationToken);
            }
            return SnapshotEntry.Read(name, content);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or SnapshotLimitException or IOException)
        {
            return SnapshotEntry.Failed(name, $"could not be read from {archiveName}: {e.Message}");
        }
    }

    private static bool IsUnsafe(string name) =>
        name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Split('/').Any(part => part == "..");
}
