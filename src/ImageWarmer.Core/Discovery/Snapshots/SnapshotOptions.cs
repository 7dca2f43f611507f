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

    /// <summary>Most bytes of manifests (contents and paths) held from one snapshot in all.</summary>
    public long MaxSnapshotBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Most bytes an archive may expand to (a gzip bomb stops here). A snapshot of manifests is a few MiB; this
    /// stays well inside what a 1.5 GB Functions instance can spare.</summary>
    public long MaxArchiveBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Largest PAX extended header or GNU long name in an archive: refused before it is parsed, since the tar
    /// reader would load it whole.</summary>
    public int MaxArchiveHeaderBytes { get; set; } = 64 * 1024;

    /// <summary>Longest path of a manifest in a snapshot (longer ones are reported, not read).</summary>
    public int MaxPathLength { get; set; } = 4096;
}
