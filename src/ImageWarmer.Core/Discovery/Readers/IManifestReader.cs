namespace ImageWarmer.Core.Discovery.Readers;

/// <summary>Reads the images one kind of manifest declares into <see cref="ManifestFindings"/>.</summary>
public interface IManifestReader
{
    /// <summary>The kind of file this reader understands.</summary>
    ManifestKind Kind { get; }

    /// <summary>
    /// Reads <paramref name="text"/> (the file at <paramref name="path"/>). Problems go to
    /// <paramref name="findings"/> with their line; a file that cannot be parsed at all throws
    /// <see cref="ManifestParseException"/>.
    /// </summary>
    void Read(string path, string text, ManifestFindings findings);
}
