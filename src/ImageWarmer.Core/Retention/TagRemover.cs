using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Core.Retention;

/// <summary>
/// Removes one tag ImageWarmer created from the target, and nothing anybody else relies on: a tag that now holds another
/// image than the one ImageWarmer wrote is someone else's and stays. On ACR only the tag goes (<c>DELETE
/// /acr/v1/&lt;name&gt;/_tags/&lt;tag&gt;</c>): its manifest stays, pullable by digest, for ACR's own retention of untagged
/// manifests. A registry that can delete only a manifest (<c>DELETE /v2/&lt;name&gt;/manifests/&lt;digest&gt;</c>, which takes
/// every tag on it along) gets that delete only when <see cref="ManifestUsers"/> proves nothing in the repository refers
/// to the manifest (no other tag, no index behind any tag, no referrer); otherwise the tag stays, and the reason names
/// who still needs it. Never a delete by digest on the strength of a tag list alone.
/// </summary>
public sealed class TagRemover(RegistryClient registry, ManifestUsers users)
{
    /// <summary>Removes <paramref name="target"/> from <paramref name="host"/> if it still holds <paramref name="digest"/>;
    /// with <paramref name="apply"/> false, only says what it would do.</summary>
    public async Task<(PruneAction Action, string Reason)> RemoveAsync(
        string host, TargetImage target, string digest, bool apply, CancellationToken cancellationToken = default)
    {
        var now = await registry.TryResolveAsync(target.In(host), cancellationToken);
        if (now is null)
        {
            return (PruneAction.Gone, $"not in {host} any more");
        }
        if (now.Digest != digest)
        {
            return (PruneAction.Kept, $"now holds {now.Digest}, not the {digest} ImageWarmer wrote: someone else's tag");
        }
        var done = apply ? PruneAction.Deleted : PruneAction.WouldDelete;
        if (registry.IsAcr(host))
        {
            if (apply)
            {
                await registry.DeleteAcrTagAsync(target.In(host).Location, target.Tag, cancellationToken);
            }
            return (done, "the tag alone; its manifest stays pullable by digest until ACR's retention of untagged manifests");
        }
        var needed = await users.OfAsync(target.In(host).Location, digest, target.Tag, cancellationToken);
        if (needed.Count > 0)
        {
            return (PruneAction.Kept,
                $"its manifest is still needed by {string.Join(", ", needed)}, and {host} can only delete the manifest (no tag-only delete)");
        }
        if (apply)
        {
            await registry.DeleteManifestAsync(target.In(host).Location, digest, cancellationToken);
        }
        return (done, "the manifest, which nothing in the repository refers to");
    }
}
