using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.Discovery;

/// <summary>A manifest that cannot be read at all (invalid YAML, an alias bomb); the scan records it and goes on.</summary>
public sealed class ManifestParseException(string path, int? line, string message) : ImageWarmerException(FailureKind.InvalidInput, message)
{
    /// <summary>Path of the manifest, relative to the scanned root.</summary>
    public string Path { get; } = path;

    /// <summary>1-based line where the problem is, when known.</summary>
    public int? Line { get; } = line;
}
