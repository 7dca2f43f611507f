using System.Runtime.CompilerServices;

namespace ImageWarmer.Core.Discovery.Snapshots;

/// <summary>
/// Several snapshots read as one (<c>--manifests a --manifests b</c>: a list of bundles is one run). Each file's path
/// starts with its snapshot's location (<c>templates/a/porter.yaml</c>), so that every declaration says which bundle
/// it is in. A folder's lock file is found by <see cref="LockFileLocator"/>; one inside an archive is read only when
/// that archive is the whole run, and is reported here rather than dropped.
/// </summary>
public sealed class CombinedSnapshotSource(IReadOnlyList<ISnapshotSource> parts) : ISnapshotSource
{
    /// <inheritdoc/>
    public string Description => string.Join(", ", parts.Select(p => p.Description));

    /// <inheritdoc/>
    public async IAsyncEnumerable<SnapshotEntry> ReadEntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var part in parts)
        {
            var prefix = part.Description.TrimEnd('/', '\\') + "/";
            await foreach (var entry in part.ReadEntriesAsync(cancellationToken))
            {
                var path = prefix + entry.Path;
                if (ManifestFileNames.IsLockFile(entry.Path) && part is not DirectorySnapshotSource)
                {
                    yield return SnapshotEntry.Failed(path,
                        $"{LockFile.FileName} inside a snapshot is read only when that snapshot is the only manifests location; name the lock file itself");
                    continue;
                }
                yield return entry with { Path = path };
            }
        }
    }
}
