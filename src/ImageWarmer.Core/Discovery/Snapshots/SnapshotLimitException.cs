using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.Discovery.Snapshots;

/// <summary>A snapshot went past one of <see cref="SnapshotOptions"/>' limits; reading stops there.</summary>
public sealed class SnapshotLimitException(string message) : ImageWarmerException(FailureKind.InvalidInput, message);
