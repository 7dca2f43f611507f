using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Discovery.Snapshots;
using ImageWarmer.Core.Operations.Scan;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Operations.Lock;

/// <summary>
/// Writes <see cref="LockFile.FileName"/> at the root of a manifests folder from the digests the target registry holds
/// for every declared image. It refuses (writes nothing) while the registry lacks any of them, or while the manifests
/// have problems: a lock must pin every image, and only what ACR really serves.
/// </summary>
public sealed class LockOperation(TargetRegistry targets, ScanOperation scan, RegistryClient registry, IOptions<PlanningOptions> planning)
{
    /// <summary>Locks the folder's images.</summary>
    public async Task<LockResult> RunAsync(LockRequest request, CancellationToken cancellationToken = default)
    {
        var host = targets.Resolve(request.TargetRegistry);
        if (!Directory.Exists(request.Folder))
        {
            throw new SnapshotNotFoundException($"folder {Path.GetFullPath(request.Folder)} does not exist (lock writes into a folder)");
        }
        var scanned = await scan.RunAsync(new ScanRequest(request.Folder), cancellationToken);
        var digests = new string?[scanned.Images.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, digests.Length),
            new ParallelOptions { MaxDegreeOfParallelism = planning.Value.MaxConcurrency, CancellationToken = cancellationToken },
            async (i, token) => digests[i] = (await registry.TryResolveAsync(
                scanned.Images[i].Target.In(host), token))?.Digest);

        var images = new Dictionary<string, LockedImage>(StringComparer.Ordinal);
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
        if (missing.Count > 0 || scanned.Problems.Count > 0)
        {
            return new LockResult(null, lockFile, missing, scanned.Problems);
        }
        var path = Path.Combine(request.Folder, LockFile.FileName);
        await File.WriteAllBytesAsync(path, lockFile.ToBytes(), cancellationToken);
        return new LockResult(path, lockFile, [], []);
    }
}
