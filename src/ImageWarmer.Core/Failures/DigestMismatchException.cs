namespace ImageWarmer.Core.Failures;

/// <summary>Content arrived with another digest (or size) than the one it was asked for by: corrupted or substituted,
/// and never stored under a tag.</summary>
public sealed class DigestMismatchException(string message) : ImageWarmerException(FailureKind.Integrity, message);
