namespace ImageWarmer.Core.Importing;

/// <summary>An import that cannot succeed as asked (the source is gone, a digest does not match, the import
/// service refused it), with the reason in words.</summary>
public sealed class ImportFailedException(string message, Exception? inner = null) : Exception(message, inner);
