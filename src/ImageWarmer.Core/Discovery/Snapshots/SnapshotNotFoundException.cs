using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.Discovery.Snapshots;

/// <summary>The snapshot itself is missing: a scan of nothing must not look like a scan that found nothing.</summary>
public sealed class SnapshotNotFoundException(string message, Exception? inner = null) : ImageWarmerException(FailureKind.NotFound, message, inner);
