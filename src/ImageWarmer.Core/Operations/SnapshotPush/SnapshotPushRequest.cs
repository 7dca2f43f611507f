namespace ImageWarmer.Core.Operations.SnapshotPush;

/// <summary>The repository folder to snapshot, and the commit it was taken at (stored with the blob).</summary>
public sealed record SnapshotPushRequest(string Folder, string? Commit);
