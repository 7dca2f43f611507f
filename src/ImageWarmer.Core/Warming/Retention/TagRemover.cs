using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Core.Warming.Retention;

/// <summary>
/// Removes one tag ImageWarmer created from the target, and nothing anybody else relies on: a tag that now holds another
/// image than the one ImageWarmer wrote is someone else's and stays. The manifest goes (<c>DELETE
/// /v2/&lt;name&gt;/manifests/&lt;digest&gt;</c>) only when no other tag points at it (checked with <c>tags/list</c> and a
/// HEAD of each); otherwise ACR deletes the tag alone (<c>DELETE /acr/v1/&lt;name&gt;/_tags/&lt;tag&gt;</c>), and a
/// registry that can only delete a manifest with every tag on it (docker-registry) keeps it.
/// </summary>
public sealed class TagRemover(RegistryClient registry)
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
        var siblings = await OtherTagsAsync(host, target, digest, cancellationToken);
        if (siblings.Count == 0)
        {
            if (apply)
            {
                await registry.DeleteManifestAsync(host, target.Repository, digest, cancellationToken);
            }
            return (done, "the manifest, which no other tag points at");
        }
        if (registry.IsAcr(host))
        {
            if (apply)
            {
                await registry.DeleteAcrTagAsync(host, target.Repository, target.Tag, cancellationToken);
            }
            return (done, $"the tag alone: {string.Join(", ", siblings)} still point at its image");
        }
        return (PruneAction.Kept, $"{string.Join(", ", siblings)} point at the same image, and {host} can only delete it with every tag on it");
    }

    private async Task<List<string>> OtherTagsAsync(string host, TargetImage target, string digest, CancellationToken cancellationToken)
    {
        var others = new List<string>();
        await foreach (var tag in registry.ListTagsAsync(host, target.Repository, cancellationToken: cancellationToken))
        {
            if (tag != target.Tag && TargetImage.TryCreate(target.Repository, tag, out var other, out _)
                && (await registry.TryResolveAsync(other.In(host), cancellationToken))?.Digest == digest)
            {
                others.Add(tag);
            }
        }
        return others;
    }
}
