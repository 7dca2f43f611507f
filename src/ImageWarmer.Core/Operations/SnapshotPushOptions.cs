namespace ImageWarmer.Core.Operations;

/// <summary>The repository folder to snapshot, and the commit it was taken at (stored with the blob).</summary>
public sealed record SnapshotPushOptions(string Folder, string? Commit);
