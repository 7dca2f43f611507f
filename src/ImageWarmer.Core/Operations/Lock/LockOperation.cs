using ImageWarmer.Core.Discovery.Snapshots;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Operations.Scan;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.References;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Operations.Lock;

/// <summary>
/// Writes the lock file of one or more manifests folders from the digests the target registry holds for every declared
/// image: <c>--lock</c>, else the lock already found in or above the folders (a repository-level lock that serves every
/// bundle), else a new one at the root of the one folder. A folder's own lock is rewritten whole; a lock shared with
/// other bundles keeps their entries and updates this run's. It refuses (writes nothing) while the registry lacks any
/// image, or while the manifests have problems: a lock must pin every image, and only what ACR really serves.
/// </summary>
public sealed class LockOperation(
    TargetRegistry targets, ScanOperation scan, TargetDigests targetDigests, IOptions<SnapshotOptions> snapshot)
{
    /// <summary>Locks the folders' images.</summary>
    /// <exception cref="SnapshotNotFoundException">A folder does not exist.</exception>
    /// <exception cref="ConfigurationException">There is no one lock file to write, or the shared one cannot be kept.</exception>
    public async Task<LockResult> RunAsync(LockRequest request, CancellationToken cancellationToken = default)
    {
        var host = targets.Resolve(request.TargetRegistry);
        foreach (var folder in request.Folders.Where(f => !Directory.Exists(f)))
        {
            throw new SnapshotNotFoundException($"folder {Path.GetFullPath(folder)} does not exist (lock writes into a folder)");
        }
        var destination = Destination(request);
        var scanned = await scan.RunAsync(new ScanRequest(request.Folders), cancellationToken);
        // The lock being rewritten may be the broken one (a merge conflict): that is what lock is run to repair.
        var problems = scanned.Problems.Where(p => scanned.LockError is null || p.Message != scanned.LockError).ToList();
        var digests = await targetDigests.OfAsync(scanned.Images, host, cancellationToken);

        var images = new Dictionary<string, LockedImage>(Kept(request, destination, host), StringComparer.Ordinal);
        var missing = new List<ImportSpec>();
        for (var i = 0; i < digests.Length; i++)
        {
            var spec = scanned.Images[i];
            if (digests[i] is { } digest)
            {
                images[spec.Source.FullyQualified] = new LockedImage(spec.Target.ToString(), digest);
            }
            else
            {
                missing.Add(spec);
            }
        }
        var lockFile = new LockFile(host, images);
        if (missing.Count > 0 || problems.Count > 0)
        {
            return new LockResult(null, lockFile, missing, problems);
        }
        await File.WriteAllBytesAsync(destination, lockFile.ToBytes(), cancellationToken);
        return new LockResult(destination, lockFile, [], []);
    }

    private static string Destination(LockRequest request)
    {
        if (request.LockFile is { } named)
        {
            return named;
        }
        var found = request.Folders.Select(f => LockFileLocator.Find(f, out _)).Distinct(StringComparer.Ordinal).ToList();
        return found switch
        {
            [{ } one] => one,
            [null] when request.Folders.Count == 1 => Path.Combine(request.Folders[0], LockFile.FileName),
            _ when found.All(f => f is null) => throw new ConfigurationException(
                $"none of these folders has a {LockFile.FileName}: name the one to write") { Input = UserInput.LockFile },
            _ => throw new ConfigurationException(
                $"these folders have different lock files ({string.Join(", ", found.Select(f => f ?? "none"))}): lock them one at a time, or name one")
            {
                Input = UserInput.LockFile,
            },
        };
    }

    // A lock of the one folder it sits in is that folder's alone: rewritten whole. Any other lock also pins other
    // bundles' images: their entries stay, so it must be readable, and of the same registry.
    private Dictionary<string, LockedImage> Kept(LockRequest request, string destination, string host)
    {
        var own = request.Folders.Count == 1 && string.Equals(
            Path.GetFullPath(Path.GetDirectoryName(Path.GetFullPath(destination))!), Path.GetFullPath(request.Folders[0]).TrimEnd(Path.DirectorySeparatorChar),
            StringComparison.Ordinal);
        if (own || !File.Exists(destination))
        {
            return [];
        }
        if (!LockFileLocator.TryRead(destination, snapshot.Value.MaxFileBytes, out var existing, out var error))
        {
            throw new ConfigurationException(
                $"{destination}: {error}; it pins other bundles' images too, so lock does not overwrite it: fix it, or lock every bundle at once");
        }
        return string.Equals(existing.Registry, host, StringComparison.OrdinalIgnoreCase)
            ? new Dictionary<string, LockedImage>(existing.Images, StringComparer.Ordinal)
            : throw new ConfigurationException($"{destination} pins {existing.Registry}, not {host}: name another lock file") { Input = UserInput.LockFile };
    }
}
