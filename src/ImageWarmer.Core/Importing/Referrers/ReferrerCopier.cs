using ImageWarmer.Core.Failures;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Core.Importing.Referrers;

/// <summary>
/// Copies an image's referrers into the target as images are copied: each manifest byte for byte (digests preserved),
/// its blobs first, its tag last. What the target holds already (by digest, or a tag with the same digest) is left
/// alone. The fallback index comes along under its tag; when the source listed the referrers through its API and the
/// target does not index their <c>subject</c> (no <c>OCI-Subject</c> answer), the target's fallback index is kept up
/// to date instead, as the referrers tag schema asks of clients. It never writes over what is not a referrer's: the
/// fallback tag is written only when the target lacks it or holds a referrers list there
/// (<see cref="ReferrersIndex.IsReferrersList"/>), and a cosign tag only when the target lacks it or every signature the
/// target's holds is in upstream's too (cosign appends, so upstream's newer tag loses none of them); anything else is
/// left alone and said in <see cref="ReferrerCopy.LeftAlone"/>.
/// </summary>
public sealed class ReferrerCopier(RegistryClient client, OciCopyImporter copier)
{
    /// <summary>Copies <paramref name="found"/> (what refers to <paramref name="subject"/> in <paramref name="source"/>'s
    /// repository) into <paramref name="target"/>'s repository; returns how many manifests and tags were written, and
    /// which tags were left alone.</summary>
    public async Task<ReferrerCopy> CopyAsync(ImageReference source, ImageReference target, string subject, ReferrerSet found, CancellationToken cancellationToken = default)
    {
        var written = 0;
        var leftAlone = new List<string>();
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
            var indexedByTarget = await client.PutReferrerManifestAsync(target.Location, referrer.Digest, manifest.Descriptor.MediaType, manifest.Bytes, cancellationToken);
            written++;
            if (!indexedByTarget && found.FallbackIndex is null && ManifestReferences.Parse(manifest).Subject is not null)
            {
                unindexed.Add(referrer with { MediaType = manifest.Descriptor.MediaType, Size = manifest.Bytes.Length });
            }
        }
        var fallbackTag = ReferrerTags.Fallback(subject);
        if (found.FallbackIndex is not null || unindexed.Count > 0)
        {
            var theirs = await client.TryGetManifestAsync(At(target, fallbackTag), cancellationToken);
            if (theirs is not null && !ReferrersIndex.IsReferrersList(theirs))
            {
                leftAlone.Add($"{target.Repository}:{fallbackTag} holds {theirs.Descriptor.Digest}, which is not a referrers list");
            }
            else if (found.FallbackIndex is { } index)
            {
                written += await PutFallbackAsync(target, fallbackTag, index, theirs, cancellationToken);
            }
            else
            {
                await PutIndexAsync(target, fallbackTag, ReferrersIndex.Merge(theirs?.Bytes, unindexed), cancellationToken);
                written++;
            }
        }
        foreach (var tagged in found.Tagged.Where(t => t.Tag != target.Tag))
        {
            var theirs = await client.TryGetManifestAsync(At(target, tagged.Tag), cancellationToken);
            if (theirs?.Descriptor.Digest == tagged.Digest)
            {
                continue;
            }
            // Met in this graph already: the target has it by digest now, and it is read there (no pull upstream).
            var manifest = graph.Contains(tagged.Digest)
                ? await client.TryGetManifestAsync(At(target, tagged.Digest), cancellationToken)
                    ?? throw new ImportFailedException(FailureKind.NotFound, $"{target.Name}@{tagged.Digest} was copied but is not in {target.Registry}")
                : await CopyContentAsync(source, target, new Descriptor(MediaTypes.OciManifest, tagged.Digest, 0), graph, cancellationToken);
            // Copied by digest (untagged, harmless); the tag moves only when upstream's loses none of the target's signatures.
            if (theirs is not null && !KeepsEverySignature(theirs, manifest))
            {
                leftAlone.Add($"{target.Repository}:{tagged.Tag} holds {theirs.Descriptor.Digest}, with signatures upstream's {tagged.Digest} lacks");
                continue;
            }
            // The tag last; cosign's tag follows upstream's (a new signature rewrites it upstream too).
            await client.PutManifestAsync(target.Location, tagged.Tag, manifest.Descriptor.MediaType, manifest.Bytes, cancellationToken);
            written++;
        }
        return new ReferrerCopy(written, leftAlone);
    }

    // Whether replacing ours with upstream's loses nothing: every layer (signature, attestation) ours has, upstream's has too.
    private static bool KeepsEverySignature(ManifestContent ours, ManifestContent upstream)
    {
        try
        {
            var theirs = ManifestReferences.Parse(upstream).Blobs.Select(b => b.Digest).ToHashSet(StringComparer.Ordinal);
            return ManifestReferences.Parse(ours).Blobs.All(b => theirs.Contains(b.Digest));
        }
        catch (ImportFailedException)
        {
            return false;
        }
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

    // Upstream's index under its tag, byte for byte; merged into the target's referrers list when it has one that differs.
    private async Task<int> PutFallbackAsync(ImageReference target, string tag, ManifestContent index, ManifestContent? theirs, CancellationToken cancellationToken)
    {
        if (theirs?.Descriptor.Digest == index.Descriptor.Digest)
        {
            return 0;
        }
        await PutIndexAsync(target, tag, theirs is null ? index.Bytes : ReferrersIndex.Merge(theirs.Bytes, ReferrerFinder.IndexMembers(index)), cancellationToken);
        return 1;
    }

    private Task PutIndexAsync(ImageReference target, string tag, byte[] bytes, CancellationToken cancellationToken) =>
        client.PutManifestAsync(target.Location, tag, MediaTypes.OciIndex, bytes, cancellationToken);

    private static ImageReference At(ImageReference image, string tagOrDigest) =>
        ImageReference.Parse($"{image.Name}{(tagOrDigest.Contains(':', StringComparison.Ordinal) ? "@" : ":")}{tagOrDigest}");
}
