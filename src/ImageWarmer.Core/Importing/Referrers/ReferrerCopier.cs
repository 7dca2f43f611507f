using ImageWarmer.Core.Failures;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Core.Importing.Referrers;

/// <summary>
/// Copies an image's referrers into the target as images are copied: each manifest byte for byte (digests preserved),
/// its blobs first, its tag last. What the target holds already (by digest, or a tag with the same digest) is left
/// alone. The fallback index comes along under its tag; when the source listed the referrers through its API and the
/// target does not index their <c>subject</c> (no <c>OCI-Subject</c> answer), the target's fallback index is kept up
/// to date instead, as the referrers tag schema asks of clients.
/// </summary>
public sealed class ReferrerCopier(RegistryClient client, OciCopyImporter copier)
{
    /// <summary>Copies <paramref name="found"/> (what refers to <paramref name="subject"/> in <paramref name="source"/>'s
    /// repository) into <paramref name="target"/>'s repository; returns how many manifests and tags were written.</summary>
    public async Task<int> CopyAsync(ImageReference source, ImageReference target, string subject, ReferrerSet found, CancellationToken cancellationToken = default)
    {
        var written = 0;
        var unindexed = new List<Descriptor>();
        // One graph for all of them and what they list: a referrer that is an index, or one listed by the API and a
        // cosign tag alike, is fetched once; the image itself was copied already.
        var graph = copier.NewGraph($"referrers of {source.Familiar}", subject);
        foreach (var referrer in found.Indexed.DistinctBy(d => d.Digest))
        {
            if (await client.TryResolveAsync(At(target, referrer.Digest), cancellationToken) is not null)
            {
                continue;
            }
            var manifest = await CopyContentAsync(source, target, referrer, graph, cancellationToken);
            var indexedByTarget = await client.PutReferrerManifestAsync(
                target.Registry, target.Repository, referrer.Digest, manifest.Descriptor.MediaType, manifest.Bytes, cancellationToken);
            written++;
            if (!indexedByTarget && found.FallbackIndex is null && ManifestReferences.Parse(manifest).Subject is not null)
            {
                unindexed.Add(referrer with { MediaType = manifest.Descriptor.MediaType, Size = manifest.Bytes.Length });
            }
        }
        var fallbackTag = ReferrerTags.Fallback(subject);
        // A digest-only image is tagged sha256-<hex> itself: that tag is the image's, never an index's.
        if (target.Tag != fallbackTag)
        {
            if (found.FallbackIndex is { } index)
            {
                written += await PutFallbackAsync(target, fallbackTag, index, cancellationToken);
            }
            else if (unindexed.Count > 0)
            {
                written += await AddToFallbackAsync(target, fallbackTag, unindexed, cancellationToken);
            }
        }
        foreach (var tagged in found.Tagged.Where(t => t.Tag != target.Tag))
        {
            if ((await client.TryResolveAsync(At(target, tagged.Tag), cancellationToken))?.Digest == tagged.Digest)
            {
                continue;
            }
            // Met in this graph already: the target has it by digest now, and it is read there (no pull upstream).
            var manifest = graph.Contains(tagged.Digest)
                ? await client.TryGetManifestAsync(At(target, tagged.Digest), cancellationToken)
                    ?? throw new ImportFailedException(FailureKind.NotFound, $"{target.Name}@{tagged.Digest} was copied but is not in {target.Registry}")
                : await CopyContentAsync(source, target, new Descriptor(MediaTypes.OciManifest, tagged.Digest, 0), graph, cancellationToken);
            // The tag last; cosign's tag follows upstream's (a new signature rewrites it upstream too).
            await client.PutManifestAsync(target.Registry, target.Repository, tagged.Tag, manifest.Descriptor.MediaType, manifest.Bytes, cancellationToken);
            written++;
        }
        return written;
    }

    private async Task<ManifestContent> CopyContentAsync(
        ImageReference source, ImageReference target, Descriptor referrer, ManifestGraph graph, CancellationToken cancellationToken)
    {
        var digest = referrer.Digest;
        graph.Admit([referrer], graph.Subject);
        var manifest = await client.TryGetManifestAsync(At(source, digest), cancellationToken)
            ?? throw new ImportFailedException(FailureKind.NotFound, $"{source.Name}@{digest} (a referrer) is not in {source.Registry} any more");
        await copier.CopyContentAsync(At(source, digest), At(target, digest), manifest, null, graph, cancellationToken);
        return manifest;
    }

    // Upstream's index under its tag, byte for byte; merged with the target's when the target lists referrers upstream's does not.
    private async Task<int> PutFallbackAsync(ImageReference target, string tag, ManifestContent index, CancellationToken cancellationToken)
    {
        var existing = await client.TryResolveAsync(At(target, tag), cancellationToken);
        if (existing?.Digest == index.Descriptor.Digest)
        {
            return 0;
        }
        var theirs = existing is null ? null : await client.TryGetManifestAsync(At(target, existing.Digest), cancellationToken);
        var bytes = theirs is null ? index.Bytes : ReferrersIndex.Merge(theirs.Bytes, ReferrerFinder.IndexMembers(index));
        await client.PutManifestAsync(target.Registry, target.Repository, tag, MediaTypes.OciIndex, bytes, cancellationToken);
        return 1;
    }

    private async Task<int> AddToFallbackAsync(ImageReference target, string tag, IReadOnlyList<Descriptor> referrers, CancellationToken cancellationToken)
    {
        var existing = await client.TryGetManifestAsync(At(target, tag), cancellationToken);
        var bytes = ReferrersIndex.Merge(existing?.Bytes, referrers);
        await client.PutManifestAsync(target.Registry, target.Repository, tag, MediaTypes.OciIndex, bytes, cancellationToken);
        return 1;
    }

    private static ImageReference At(ImageReference image, string tagOrDigest) =>
        ImageReference.Parse($"{image.Name}{(tagOrDigest.Contains(':', StringComparison.Ordinal) ? "@" : ":")}{tagOrDigest}");
}
