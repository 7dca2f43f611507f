using System.Collections.Concurrent;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Importing.Referrers;

/// <summary>
/// Finds what refers to an image, never pulling the image itself: the referrers API (<c>GET /v2/&lt;name&gt;/referrers/&lt;digest&gt;</c>);
/// for a registry without it, the fallback index tag; and cosign's tags. Upstream, a tag is looked for with a HEAD (not
/// a pull on Docker Hub, and one request however many tags the repository has); in the target, whose repositories hold
/// only what was warmed, one <c>tags/list</c> per repository and run answers for every image in it. A registry that
/// answered 404 to the referrers API is not asked again by this process.
/// </summary>
public sealed class ReferrerFinder(RegistryClient client, IOptions<RegistryOptions> options)
{
    private readonly ConcurrentDictionary<string, bool> _withoutApi = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Everything that refers to <paramref name="subject"/> in <paramref name="repository"/>, with digests, ready to copy.</summary>
    public async Task<ReferrerSet> FindAsync(RepositoryRef repository, string subject, CancellationToken cancellationToken = default)
    {
        var indexed = await TryListAsync(repository, subject, cancellationToken);
        // The tag lookups are independent HEADs: asked at once, they cost one round trip, not four.
        var fallbackHead = indexed is null
            ? client.TryResolveAsync(repository.At(ReferrerTags.Fallback(subject)), cancellationToken)
            : Task.FromResult<Descriptor?>(null);
        var cosignHeads = ReferrerTags.Cosign(subject)
            .Select(async tag => (Tag: tag, Found: await client.TryResolveAsync(repository.At(tag), cancellationToken)))
            .ToArray();
        await Task.WhenAll(cosignHeads.Append<Task>(fallbackHead));

        ManifestContent? fallback = null;
        // A digest-only image is tagged sha256-<hex> in ACR: that tag is then the image, not an index of referrers.
        if (indexed is null && await fallbackHead is { } head && head.Digest != subject)
        {
            fallback = await client.TryGetManifestAsync(repository.At(head.Digest), cancellationToken);
        }
        indexed ??= fallback is null ? [] : Capped(IndexMembers(fallback), $"{repository}@{subject}");
        var tagged = new List<TaggedReferrer>();
        foreach (var lookup in cosignHeads)
        {
            if (await lookup is { Found: { } found } hit && found.Digest != subject)
            {
                tagged.Add(new TaggedReferrer(hit.Tag, found.Digest));
            }
        }
        return new ReferrerSet(indexed, fallback, tagged);
    }

    /// <summary>How many artifacts refer to <paramref name="subject"/> in the target, from its <c>tags/list</c> (asked
    /// once per repository through <paramref name="tags"/>) and its referrers API or fallback index.</summary>
    public async Task<int> CountAsync(RepositoryRef repository, string subject, TagListing tags, CancellationToken cancellationToken = default)
    {
        var listed = await tags.OfAsync(repository, cancellationToken);
        var indexed = await TryListAsync(repository, subject, cancellationToken);
        if (indexed is null && listed.Contains(ReferrerTags.Fallback(subject))
            && await client.TryGetManifestAsync(repository.At(ReferrerTags.Fallback(subject)), cancellationToken) is { } index
            && index.Descriptor.Digest != subject)
        {
            indexed = Capped(IndexMembers(index), $"{repository}@{subject}");
        }
        return (indexed?.Count ?? 0) + ReferrerTags.Cosign(subject).Count(listed.Contains);
    }

    /// <summary>The referrers a fallback index lists.</summary>
    /// <exception cref="ImportFailedException">It is not an index (<see cref="FailureKind.InvalidInput"/>).</exception>
    public static IReadOnlyList<Descriptor> IndexMembers(ManifestContent index)
    {
        var references = ManifestReferences.Parse(index);
        return references.Blobs.Count == 0
            ? references.Manifests
            : throw new ImportFailedException(FailureKind.InvalidInput, $"the referrers tag holds {index.Descriptor.Digest}, which is not an index");
    }

    // The API's pages are capped as they are read; a fallback index (one manifest, up to MaxManifestBytes) is capped here.
    private IReadOnlyList<Descriptor> Capped(IReadOnlyList<Descriptor> referrers, string what) =>
        referrers.Count <= options.Value.MaxReferrersPerSubject ? referrers
            : throw new ImportFailedException(FailureKind.InvalidInput,
                $"referrers of {what} run past {options.Value.MaxReferrersPerSubject:N0} (ImageWarmer:Registry:MaxReferrersPerSubject)");

    private async Task<IReadOnlyList<Descriptor>?> TryListAsync(RepositoryRef repository, string subject, CancellationToken cancellationToken)
    {
        if (_withoutApi.ContainsKey(repository.Registry))
        {
            return null;
        }
        var listed = await client.TryListReferrersAsync(repository, subject, cancellationToken);
        if (listed is null)
        {
            _withoutApi[repository.Registry] = true;
        }
        return listed;
    }
}
