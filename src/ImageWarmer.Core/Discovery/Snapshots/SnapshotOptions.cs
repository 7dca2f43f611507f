namespace ImageWarmer.Core.Discovery.Snapshots;

/// <summary>Where the manifests snapshot lives in Blob storage, and the limits every snapshot is read within.
/// Section <c>ImageWarmer:Snapshot</c>.</summary>
public sealed class SnapshotOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "ImageWarmer:Snapshot";

    /// <summary>Blob container of the snapshot.</summary>
    public string Container { get; set; } = "manifests";

    /// <summary>Blob name of the snapshot archive.</summary>
    public string BlobName { get; set; } = "snapshot.tar.gz";

    /// <summary>Largest manifest file read (bigger ones are reported, not read).</summary>
    public long MaxFileBytes { get; set; } = 1024 * 1024;

    /// <summary>Most manifest bytes read from one snapshot in all.</summary>
    public long MaxSnapshotBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Most bytes an archive may expand to (a gzip bomb stops here).</summary>
    public long MaxArchiveBytes { get; set; } = 2L * 1024 * 1024 * 1024;
}
