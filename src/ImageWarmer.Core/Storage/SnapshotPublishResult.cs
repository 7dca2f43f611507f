using ImageWarmer.Core.Discovery.Snapshots;

namespace ImageWarmer.Core.Storage;

/// <summary>What a snapshot push uploaded: where, how many files and bytes, and the files it could not read.</summary>
public sealed record SnapshotPublishResult(string Location, int Files, long Bytes, IReadOnlyList<SnapshotEntry> Failed);
