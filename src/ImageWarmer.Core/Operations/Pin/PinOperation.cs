using System.Text;
using ImageWarmer.Core.Pinning;
using ImageWarmer.Core.Discovery.Snapshots;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Operations.Scan;
using ImageWarmer.Core.Planning;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Operations.Pin;

/// <summary>
/// Writes into each declaration of a manifests folder the digest the target registry holds for it (Dockerfile
/// <c>FROM image:tag@sha256:…</c>, porter.yaml <c>import.digest</c>, catalog <c>digest:</c> or <c>image@sha256:…</c>),
/// changing only that token: comments, quoting, line breaks and layout stay as they are, and the diff says exactly
/// what changed. Declarations pin cannot write exactly (behind a build argument, in a flow mapping…), images the
/// registry lacks, and what the scan could not read are listed, not touched. With a lock file named
/// (<see cref="PinRequest.LockFile"/>) the digests are the lock's and no registry is asked: a contributor without
/// registry rights pins exactly what the reviewed lock says.
/// </summary>
public sealed class PinOperation(TargetRegistry targets, ScanOperation scan, TargetDigests targetDigests)
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Pins the folders' declarations (or, in a dry run, says how it would).</summary>
    public async Task<PinResult> RunAsync(PinRequest request, CancellationToken cancellationToken = default)
    {
        var roots = request.Folders.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
        foreach (var missing in roots.Where(r => !Directory.Exists(r)))
        {
            throw new SnapshotNotFoundException($"folder {missing} does not exist (pin rewrites the manifests in a folder)");
        }
        // Several folders are scanned as one, each file's path starting with its folder as given: relative to here.
        var root = roots.Count == 1 ? roots[0] : Directory.GetCurrentDirectory();
        var folders = roots.Count == 1 ? roots : request.Folders;
        var (host, scanned, digests) = request.LockFile is { } named
            ? await FromLockAsync(folders, named, request.TargetRegistry, cancellationToken)
            : await FromRegistryAsync(folders, targets.Resolve(request.TargetRegistry), cancellationToken);

        var skipped = new List<PinSkip>();
        var unchanged = 0;
        var byFile = new Dictionary<string, List<(ImageOrigin Origin, string Digest)>>(StringComparer.Ordinal);
        for (var i = 0; i < digests.Length; i++)
        {
            var spec = scanned.Images[i];
            foreach (var origin in spec.Origins)
            {
                var reason = digests[i] is null
                        ? request.LockFile is null ? $"{spec.Target} is not in {host}: warm it first" : $"{request.LockFile} has no entry for it: run 'imagewarmer lock' first"
                    : origin.Site is null ? "its reader cannot say where the digest goes"
                    : origin.Site.Kind == DigestSiteKind.Fixed ? origin.Site.Reason
                    : null;
                if (reason is not null)
                {
                    skipped.Add(new PinSkip(origin.Path, origin.Line, spec.Source.Familiar, reason));
                }
                else if (origin.Site!.CurrentDigest == digests[i])
                {
                    unchanged++;
                }
                else
                {
                    (byFile.TryGetValue(origin.Path, out var list) ? list : byFile[origin.Path] = []).Add((origin, digests[i]!));
                }
            }
        }
        var files = new List<PinnedFile>();
        foreach (var (path, pins) in byFile.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (await PinFileAsync(root, roots, path, pins, request.DryRun, skipped, cancellationToken) is { } file)
            {
                files.Add(file);
            }
        }
        return new PinResult(host, !request.DryRun, files, unchanged,
            [.. skipped.OrderBy(s => s.Path, StringComparer.Ordinal).ThenBy(s => s.Line)], scanned.Problems)
        {
            Lock = request.LockFile,
        };
    }

    // The digests the target registry holds now: one lookup per image.
    private async Task<(string Host, ScanResult Scanned, string?[] Digests)> FromRegistryAsync(
        IReadOnlyList<string> folders, string host, CancellationToken cancellationToken)
    {
        var scanned = await scan.RunAsync(new ScanRequest(folders, host), cancellationToken);
        return (host, scanned, await targetDigests.OfAsync(scanned.Images, host, cancellationToken));
    }

    // The digests the named lock holds, without asking any registry: the lock must be readable, and of the target
    // registry named, if one is.
    private async Task<(string Host, ScanResult Scanned, string?[] Digests)> FromLockAsync(
        IReadOnlyList<string> folders, string lockPath, string? targetRegistry, CancellationToken cancellationToken)
    {
        var scanned = await scan.RunAsync(new ScanRequest(folders, targetRegistry) { LockFile = lockPath }, cancellationToken);
        if (scanned.Lock is not { } lockFile)
        {
            throw new ConfigurationException($"{lockPath}: {scanned.LockError}") { Input = UserInput.LockFile };
        }
        if (targetRegistry is not null && !string.Equals(lockFile.Registry, targetRegistry, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigurationException($"{lockPath} pins {lockFile.Registry}, not the target registry {targetRegistry}: name the lock of {targetRegistry}")
            {
                Input = UserInput.LockFile,
            };
        }
        return (lockFile.Registry, scanned, [.. scanned.Images.Select(i => lockFile.For(i.Source)?.Digest)]);
    }

    private static async Task<PinnedFile?> PinFileAsync(
        string root, IReadOnlyList<string> roots, string path, List<(ImageOrigin Origin, string Digest)> pins, bool dryRun, List<PinSkip> skipped,
        CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(Path.Combine(root, path));
        if (!roots.Any(r => full.StartsWith(r.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            skipped.AddRange(pins.Select(p => new PinSkip(path, p.Origin.Line, "", "outside the folder")));
            return null;
        }
        var bytes = await File.ReadAllBytesAsync(full, cancellationToken);
        if (!ManifestText.TryDecode(bytes, out var text, out _, out var error))
        {
            skipped.AddRange(pins.Select(p => new PinSkip(path, p.Origin.Line, "", error)));
            return null;
        }
        var edits = new List<TextEdit>();
        foreach (var (origin, digest) in pins)
        {
            var site = origin.Site!;
            // The file is read again to be written: a span that no longer says what the scan read is left alone.
            if (site.Start + site.Length > text.Length || text.Substring(site.Start, site.Length) != site.Text)
            {
                skipped.Add(new PinSkip(path, origin.Line, site.Text, "the file changed since it was scanned"));
                continue;
            }
            edits.Add(TextEdit.Pin(site, digest, text)!);
        }
        if (edits.Count == 0)
        {
            return null;
        }
        var diff = UnifiedDiff.Create(path, text, edits);
        if (!dryRun)
        {
            var encoded = Encoding.UTF8.GetBytes(TextEdit.Apply(text, edits));
            await File.WriteAllBytesAsync(full, bytes.AsSpan().StartsWith(Bom) ? [.. Bom, .. encoded] : encoded, cancellationToken);
        }
        return new PinnedFile(path, edits.Count, diff);
    }
}
