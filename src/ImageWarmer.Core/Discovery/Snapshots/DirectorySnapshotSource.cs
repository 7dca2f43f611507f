using System.Runtime.CompilerServices;

namespace ImageWarmer.Core.Discovery.Snapshots;

/// <summary>A snapshot that is a local folder tree. Symbolic links are not followed; <c>.git</c> is not walked.</summary>
public sealed class DirectorySnapshotSource(string root, SnapshotOptions options) : ISnapshotSource
{
    private readonly string _root = Path.GetFullPath(root);

    /// <inheritdoc/>
    public string Description => root;

    /// <inheritdoc/>
    public async IAsyncEnumerable<SnapshotEntry> ReadEntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_root))
        {
            throw new SnapshotNotFoundException($"folder {root} does not exist");
        }
        var pending = new Stack<string>();
        pending.Push(_root);
        while (pending.Count > 0)
        {
            // The walk and the reads are synchronous (small files: cheaper than async I/O), so nothing
            // downstream sees the token; checking it once per folder keeps a cancelled scan short.
            cancellationToken.ThrowIfCancellationRequested();
            var directory = pending.Pop();
            var (files, subdirectories, error) = List(directory);
            if (error is not null)
            {
                yield return SnapshotEntry.Failed(Relative(directory), error);
                continue;
            }
            foreach (var subdirectory in subdirectories.OrderDescending(StringComparer.Ordinal))
            {
                pending.Push(subdirectory);
            }
            foreach (var file in files.Order(StringComparer.Ordinal))
            {
                if (ManifestFileNames.IsSnapshotFile(Relative(file)))
                {
                    yield return Read(file);
                }
            }
        }
    }

    private static (string[] Files, IEnumerable<string> Directories, string? Error) List(string directory)
    {
        try
        {
            var info = new DirectoryInfo(directory);
            var files = info.EnumerateFiles().Select(f => f.FullName).ToArray();
            var directories = info.EnumerateDirectories()
                .Where(d => d.Name != ".git" && !d.Attributes.HasFlag(FileAttributes.ReparsePoint))
                .Select(d => d.FullName)
                .ToArray();
            return (files, directories, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ([], [], $"folder could not be listed: {e.Message}");
        }
    }

    private SnapshotEntry Read(string file)
    {
        var path = Relative(file);
        try
        {
            var info = new FileInfo(file);
            if (info.LinkTarget is not null)
            {
                return SnapshotEntry.Failed(path, "is a symbolic link; links are not followed");
            }
            if (info.Length > options.MaxFileBytes)
            {
                return SnapshotEntry.TooLarge(path, info.Length, options.MaxFileBytes);
            }
            return SnapshotEntry.Read(path, File.ReadAllBytes(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SnapshotEntry.Failed(path, $"could not be read: {e.Message}");
        }
    }

    private string Relative(string fullPath) => Path.GetRelativePath(_root, fullPath).Replace(Path.DirectorySeparatorChar, '/');
}
