namespace ImageWarmer.Core.Discovery.Snapshots;

/// <summary>One file of a snapshot: its path relative to the snapshot root and either its content or an error.</summary>
public sealed record SnapshotEntry(string Path, byte[]? Content, string? Error)
{
    /// <summary>A file read whole.</summary>
    public static SnapshotEntry Read(string path, byte[] content) => new(path, content, null);

    /// <summary>A file (or the snapshot itself) that could not be read, and why.</summary>
    public static SnapshotEntry Failed(string path, string error) => new(path, null, error);

    /// <summary>The error for a file over <paramref name="limit"/> bytes.</summary>
    public static SnapshotEntry TooLarge(string path, long size, long limit) =>
        Failed(path, $"file is {size:N0} bytes, over the {limit:N0}-byte limit for a manifest; not read");
}
