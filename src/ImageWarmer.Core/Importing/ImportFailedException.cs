using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.Importing;

/// <summary>An import that did not succeed as asked (the source is gone, the import service refused it or gave up),
/// with the reason in words and its <see cref="FailureKind"/>.</summary>
public sealed class ImportFailedException(FailureKind kind, string message, Exception? inner = null, TimeSpan? retryAfter = null)
    : ImageWarmerException(kind, message, inner, retryAfter);
