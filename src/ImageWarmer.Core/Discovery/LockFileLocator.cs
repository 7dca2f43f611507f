using System.Diagnostics.CodeAnalysis;
using ImageWarmer.Core.Discovery.Snapshots;
using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.Discovery;

/// <summary>
/// Which lock file a run reads: the one <c>--lock</c> names, else the one inside a snapshot (at its root), else for
/// each manifests folder the nearest <see cref="LockFile.FileName"/> from the folder up to the repository root (the
/// first folder that holds <c>.git</c>), so one lock at the repository root serves every bundle
/// (<c>ensure --manifests templates/shared_services/x --locked</c>). Outside a repository only the folder itself is
/// looked in: a lock in some parent folder of the machine is nobody's. Several locks (a list of bundles) are merged.
/// </summary>
public static class LockFileLocator
{
    /// <summary><paramref name="scanned"/> with the lock of its <paramref name="folders"/> (or of <paramref name="explicitLock"/>)
    /// applied; a lock that cannot be read is a problem of the scan and its <see cref="ScanResult.LockError"/>.</summary>
    /// <exception cref="ConfigurationException"><paramref name="explicitLock"/> does not exist.</exception>
    public static ScanResult Apply(ScanResult scanned, IReadOnlyList<string> folders, string? explicitLock, long maxBytes)
    {
        IReadOnlyList<string> paths;
        if (explicitLock is not null)
        {
            paths = File.Exists(explicitLock) ? [explicitLock]
                : throw new ConfigurationException($"lock file {explicitLock} does not exist: 'imagewarmer lock' writes it");
        }
        else if (scanned.Lock is not null || scanned.LockError is not null)
        {
            return scanned; // the snapshot's own, at its root
        }
        else
        {
            paths = [.. folders.Select(f => Find(f, out _)).OfType<string>().Distinct(StringComparer.Ordinal)];
        }
        LockFile? merged = null;
        foreach (var path in paths)
        {
            if (!TryRead(path, maxBytes, out var lockFile, out var error)
                || (merged is not null && !merged.TryMerge(lockFile, out lockFile, out error)))
            {
                return scanned with { Lock = null, LockPath = path, LockError = error, Problems = [.. scanned.Problems, new ScanProblem(path, null, error)] };
            }
            merged = lockFile;
        }
        return merged is null ? scanned with { Lock = null, LockPath = null } : scanned with { Lock = merged, LockPath = paths[0] };
    }

    /// <summary>The nearest lock file of <paramref name="folder"/>, or null; <paramref name="searched"/> says where it looked.</summary>
    public static string? Find(string folder, out string searched)
    {
        var start = new DirectoryInfo(Path.GetFullPath(folder));
        var root = RepositoryRoot(start);
        searched = root is null || root.FullName == start.FullName ? start.FullName : $"{start.FullName} and up to {root.FullName}";
        for (var current = start; current is not null; current = current.Parent)
        {
            var candidate = Path.Combine(current.FullName, LockFile.FileName);
            if (File.Exists(candidate))
            {
                return Path.GetRelativePath(Directory.GetCurrentDirectory(), candidate);
            }
            if (root is null || current.FullName == root.FullName)
            {
                return null;
            }
        }
        return null;
    }

    /// <summary>Reads the lock file at <paramref name="path"/>; false with the reason (too large, unreadable, invalid at line N).</summary>
    public static bool TryRead(string path, long maxBytes, [NotNullWhen(true)] out LockFile? lockFile, [NotNullWhen(false)] out string? error)
    {
        lockFile = null;
        try
        {
            var info = new FileInfo(path);
            if (info.Length > maxBytes)
            {
                error = SnapshotEntry.TooLarge(path, info.Length, maxBytes).Error!;
                return false;
            }
            return LockFile.TryParse(File.ReadAllBytes(path), out lockFile, out error);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"could not be read: {e.Message}";
            return false;
        }
    }

    private static DirectoryInfo? RepositoryRoot(DirectoryInfo start)
    {
        for (var current = start; current is not null; current = current.Parent)
        {
            var git = Path.Combine(current.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return current;
            }
        }
        return null;
    }
}
