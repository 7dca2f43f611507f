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
        await using var tar = new TarHeaderGuardStream(
            new BoundedReadStream(new GZipStream(compressed, CompressionMode.Decompress), options.MaxArchiveBytes), options.MaxArchiveHeaderBytes);
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
        // What the gzip and tar readers throw at bytes they cannot make sense of (InvalidDataException, but also
        // NotSupportedException for a GNU sparse entry, ArgumentOutOfRangeException for a date past 9999…) means the
        // archive is bad, not that the scan should crash; anything else is a bug and surfaces.
        catch (Exception e) when (IsBadArchive(e))
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
            return SnapshotEntry.Failed(Shorten(name), "archive entry has an unsafe path (absolute or with '..'); not read");
        }
        if (!ManifestFileNames.IsSnapshotFile(name))
        {
            return null;
        }
        if (name.Length > options.MaxPathLength)
        {
            return SnapshotEntry.Failed(Shorten(name), $"path is {name.Length:N0} characters, over the {options.MaxPathLength:N0}-character limit; not read");
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
        catch (Exception e) when (IsBadArchive(e))
        {
            return SnapshotEntry.Failed(name, $"could not be read from {archiveName}: {e.Message}");
        }
    }

    // Our own guards' refusals (a header or an expansion over its limit) and the exceptions the runtime's gzip and tar
    // readers document for malformed or unsupported input.
    internal static bool IsBadArchive(Exception e) =>
        e is SnapshotLimitException or InvalidDataException or IOException or NotSupportedException or ArgumentException or FormatException or OverflowException;

    // A snapshot chooses its names: a problem keeps the start and end of one, not all of it.
    private static string Shorten(string name) => ManifestFindings.Shorten(name, ManifestFindings.MaxPathLength);

    private static bool IsUnsafe(string name) =>
        name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Split('/').Any(part => part == "..");
}
