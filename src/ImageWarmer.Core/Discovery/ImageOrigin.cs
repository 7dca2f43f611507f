namespace ImageWarmer.Core.Discovery;

/// <summary>Where an image is declared: a path relative to the scanned root, a 1-based line, and the file's kind.</summary>
public sealed record ImageOrigin(string Path, int Line, ManifestKind Kind)
{
    /// <summary>Where the declaration's digest is written, for <c>imagewarmer pin</c> (null when the reader does not
    /// say, e.g. a queue request). Not part of the origin's identity: two origins are equal by path, line and kind.</summary>
    public DigestSite? Site { get; init; }

    /// <inheritdoc/>
    public bool Equals(ImageOrigin? other) =>
        other is not null && Path == other.Path && Line == other.Line && Kind == other.Kind;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Path, Line, Kind);
}
