namespace ImageWarmer.Core.Discovery;

/// <summary>Which files discovery reads, decided by name alone so that nothing else is ever opened.</summary>
public static class ManifestFileNames
{
    /// <summary>Whether a snapshot carries the file at <paramref name="relativePath"/> (relative to its root): every
    /// manifest, and the lock file at the root.</summary>
    public static bool IsSnapshotFile(string relativePath) => Classify(relativePath) is not null || IsLockFile(relativePath);

    /// <summary>Whether <paramref name="relativePath"/> is the lock file (<see cref="LockFile.FileName"/> at the root).</summary>
    public static bool IsLockFile(string relativePath) => relativePath is LockFile.FileName or "./" + LockFile.FileName;

    /// <summary>The kind of manifest at <paramref name="path"/>, or null when discovery ignores it.</summary>
    public static ManifestKind? Classify(string path)
    {
        var name = Path.GetFileName(path.AsSpan());
        if (name.Equals("porter.yaml", StringComparison.Ordinal) || name.Equals("porter.yml", StringComparison.Ordinal))
        {
            return ManifestKind.Porter;
        }
        if (name.Equals("imagewarmer.yaml", StringComparison.Ordinal) || name.Equals("imagewarmer.yml", StringComparison.Ordinal))
        {
            return ManifestKind.Catalog;
        }
        // Dockerfile, Dockerfile.tmpl, Dockerfile.dev, api.Dockerfile; not the BuildKit per-file ignore list.
        if (name.EndsWith(".dockerignore", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (name.Equals("Dockerfile", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Dockerfile.", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".Dockerfile", StringComparison.OrdinalIgnoreCase))
        {
            return ManifestKind.Dockerfile;
        }
        return null;
    }
}
