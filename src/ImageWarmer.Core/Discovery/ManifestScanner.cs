using System.Collections.Concurrent;
using ImageWarmer.Core.Discovery.Readers;
using ImageWarmer.Core.Discovery.Snapshots;

namespace ImageWarmer.Core.Discovery;

/// <summary>
/// Scans a snapshot: every manifest file goes to the reader for its kind, and whatever is wrong with one file
/// becomes a <see cref="ScanProblem"/> while every other file is still scanned.
/// </summary>
public sealed class ManifestScanner(IEnumerable<IManifestReader> readers, DiscoveryOptions discovery, SnapshotOptions snapshot)
{
    private readonly Dictionary<ManifestKind, IManifestReader> _readers = readers.ToDictionary(r => r.Kind);

    /// <summary>A scanner with the built-in readers.</summary>
    public static ManifestScanner CreateDefault(DiscoveryOptions discovery, SnapshotOptions snapshot) =>
        new([new PorterManifestReader(), new DockerfileReader(), new CatalogReader()], discovery, snapshot);

    /// <summary>Reads every manifest of <paramref name="source"/> and builds the deduplicated ImportSpecs; with
    /// <paramref name="targetRegistry"/>, a target too long for it is a problem at its declaration.</summary>
    /// <exception cref="SnapshotNotFoundException">The snapshot does not exist.</exception>
    /// <exception cref="SnapshotUnreadableException">It holds no manifest that could be read (empty, corrupt, every file refused).</exception>
    public async Task<ScanResult> ScanAsync(ISnapshotSource source, string? targetRegistry = null, CancellationToken cancellationToken = default)
    {
        var findings = new ManifestFindings();
        var manifests = new List<(SnapshotEntry Entry, IManifestReader Reader)>();
        LockFile? lockFile = null;
        string? lockPath = null, lockError = null;
        long bytes = 0;
        await foreach (var entry in source.ReadEntriesAsync(cancellationToken))
        {
            if (entry.Content is null)
            {
                findings.AddProblem(entry.Path, null, entry.Error ?? "could not be read");
                continue;
            }
            // A path is held as long as its content: both count (a million empty files with long names are not free).
            bytes += entry.Content.Length + (long)entry.Path.Length * sizeof(char);
            if (bytes > snapshot.MaxSnapshotBytes)
            {
                findings.AddProblem(source.Description, null,
                    $"snapshot holds more than {snapshot.MaxSnapshotBytes:N0} bytes of manifests; files after {entry.Path} were not scanned");
                break;
            }
            if (ManifestFileNames.IsLockFile(entry.Path))
            {
                lockPath = $"{source.Description.TrimEnd('/', '\\')}/{LockFile.FileName}";
                if (!LockFile.TryParse(entry.Content, out lockFile, out lockError))
                {
                    findings.AddProblem(entry.Path, null, lockError);
                }
            }
            else if (ManifestFileNames.Classify(entry.Path) is { } kind)
            {
                manifests.Add((entry, _readers[kind]));
            }
        }

        if (manifests.Count == 0)
        {
            throw new SnapshotUnreadableException(source.Description, findings.Problems, findings.ProblemsDropped);
        }

        // Parsing is pure CPU work per file: spread it over the cores, each worker with findings of its own.
        Parallel.ForEach(
            Partitioner.Create(0, manifests.Count, rangeSize: 64),
            new ParallelOptions { CancellationToken = cancellationToken },
            () => new ManifestFindings(),
            (range, _, local) =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    ReadOne(manifests[i].Entry.Path, manifests[i].Entry.Content!, manifests[i].Reader, local);
                }
                return local;
            },
            local =>
            {
                lock (findings)
                {
                    findings.AddRange(local);
                }
            });
        var result = new ImportSpecBuilder(discovery, targetRegistry).Build(findings) with
        {
            FilesScanned = manifests.Count, Snapshot = source.Description, Lock = lockFile, LockPath = lockPath, LockError = lockError,
        };
        return result.ProblemsDropped == 0 ? result : result with
        {
            Problems = [.. result.Problems, new ScanProblem(source.Description, null,
                $"{result.ProblemsDropped:N0} more problems were not listed (a scan keeps {ManifestFindings.MaxProblems:N0})")],
        };
    }

    private static void ReadOne(string path, byte[] content, IManifestReader reader, ManifestFindings findings)
    {
        if (!ManifestText.TryDecode(content, out var text, out var line, out var error))
        {
            findings.AddProblem(path, line, error);
            return;
        }
        try
        {
            reader.Read(path, text, findings);
        }
        catch (ManifestParseException e)
        {
            // Bad input is what a reader says it is (IManifestReader's contract); anything else a reader throws is a bug,
            // which surfaces instead of passing for one file's problem.
            findings.AddProblem(e.Path, e.Line, e.Message);
        }
    }
}
