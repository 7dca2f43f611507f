namespace ImageWarmer.Core.Discovery;

/// <summary>Input discovery could not use: a file or a line, and what is wrong with it.</summary>
/// <param name="Path">Path relative to the scanned root (or the snapshot's own name).</param>
/// <param name="Line">1-based line, or null when the problem is the whole file.</param>
/// <param name="Message">What is wrong, in words a manifest author can act on.</param>
public sealed record ScanProblem(string Path, int? Line, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Line is null ? $"{Path}: {Message}" : $"{Path}:{Line}: {Message}";
}
