namespace ImageWarmer.Core.Discovery;

/// <summary>What a scan found: the images to warm, the references left out, and the input it could not use.</summary>
public sealed record ScanResult(IReadOnlyList<ImportSpec> Images, IReadOnlyList<SkippedImage> Skipped, IReadOnlyList<ScanProblem> Problems)
{
    /// <summary>How many manifest files were read.</summary>
    public int FilesScanned { get; init; }

    /// <summary>Problems met past <see cref="ManifestFindings.MaxProblems"/>: counted, not listed (the last problem says so).</summary>
    public int ProblemsDropped { get; init; }

    /// <summary>Where the manifests were read from, for people (<c>samples</c>, <c>blob:manifests/snapshot.tar.gz</c>).</summary>
    public string Snapshot { get; init; } = "";

    /// <summary>The manifests' lock file (<c>--lock</c>, the snapshot's root, or the nearest up to the repository root), when they have one.</summary>
    public LockFile? Lock { get; init; }

    /// <summary>Where <see cref="Lock"/> was read from (or where the lock that could not be read is), else null.</summary>
    public string? LockPath { get; init; }

    /// <summary>Why the lock at <see cref="LockPath"/> could not be used (<c>invalid lock file (line 3): …</c>), else null;
    /// also one of <see cref="Problems"/>.</summary>
    public string? LockError { get; init; }

    /// <summary>The images with the lock applied: a locked image that the manifests do not pin is pinned to its locked
    /// digest, so that plans check it and imports bring exactly it.</summary>
    public IReadOnlyList<ImportSpec> LockedImages => Lock is null ? Images
        : [.. Images.Select(i => Lock.For(i.Source) is { } locked && i.Source.Digest is null && i.Source.TryWithDigest(locked.Digest, out var pinned, out _)
            ? i with { Source = pinned }
            : i)];
}
