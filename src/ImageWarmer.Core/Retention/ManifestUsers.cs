using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Importing;
using ImageWarmer.Core.Importing.Referrers;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Core.Retention;

/// <summary>
/// What in a repository still needs a manifest, before <c>prune</c> deletes it by digest: another tag on it, an index
/// behind any tag that lists it (however deep: an index of indexes), a manifest behind a tag whose <c>subject</c> it is,
/// the referrers the registry's API lists for it, and its referrers tag schema fallback index. A tag list alone proves
/// nothing (an index's child has no tag of its own), so every tag's manifest is read (a manifest GET in the target, never
/// upstream). A tag whose manifest cannot be read counts as a user: what cannot be checked is not proved unused.
/// </summary>
public sealed class ManifestUsers(RegistryClient registry)
{
    // An index of indexes of indexes is already unusual; deeper nesting is not followed and counts as a user.
    private const int MaxDepth = 4;

    /// <summary>Who in <paramref name="repository"/> refers to <paramref name="digest"/>, besides the tag
    /// <paramref name="tag"/> itself; empty when nothing does.</summary>
    public async Task<IReadOnlyList<string>> OfAsync(RepositoryRef repository, string digest, string tag, CancellationToken cancellationToken = default)
    {
        var users = new List<string>();
        if (await registry.TryListReferrersAsync(repository, digest, cancellationToken) is { Count: > 0 } referrers)
        {
            users.Add($"{referrers.Count} referrers whose subject it is");
        }
        var fallback = ReferrerTags.Fallback(digest);
        await foreach (var other in registry.ListTagsAsync(repository, cancellationToken: cancellationToken))
        {
            if (other == tag)
            {
                continue;
            }
            if (!TargetImage.TryCreate(repository.Repository, other, out var image, out _))
            {
                users.Add($"tag {other} (not a tag ImageWarmer can read, so not proved unrelated)");
                continue;
            }
            var manifest = await registry.TryGetManifestAsync(image.In(repository.Registry), cancellationToken);
            if (manifest is null)
            {
                continue;
            }
            if (manifest.Descriptor.Digest == digest)
            {
                users.Add($"tag {other}");
            }
            else if (other == fallback)
            {
                users.Add($"its referrers' fallback index {other}");
            }
            else if (await UseOfAsync(repository, manifest, digest, 1, cancellationToken) is { } use)
            {
                users.Add($"{use} under tag {other}");
            }
        }
        return users;
    }

    // How manifest refers to digest (as an index's child or as its subject), or null when it does not.
    private async Task<string?> UseOfAsync(RepositoryRef repository, ManifestContent manifest, string digest, int depth, CancellationToken cancellationToken)
    {
        ManifestReferences references;
        try
        {
            references = ManifestReferences.Parse(manifest);
        }
        catch (ImageWarmerException e) when (e.Kind == FailureKind.InvalidInput)
        {
            return $"a manifest ImageWarmer cannot read ({manifest.Descriptor.Digest})";
        }
        if (references.Subject?.Digest == digest)
        {
            return "a referrer";
        }
        if (references.Manifests.Any(m => m.Digest == digest))
        {
            return "the index";
        }
        foreach (var child in references.Manifests.Where(m => MediaTypes.IsIndex(m.MediaType)))
        {
            if (depth >= MaxDepth)
            {
                return $"an index nested deeper than {MaxDepth}";
            }
            var nested = await registry.TryGetManifestAsync(repository.At(child.Digest), cancellationToken);
            if (nested is not null && await UseOfAsync(repository, nested, digest, depth + 1, cancellationToken) is not null)
            {
                return "an index (through the nested index " + child.Digest + ")";
            }
        }
        return null;
    }
}
