using ImageWarmer.Core.Importing.Referrers;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Warming;

/// <summary>
/// What a warm run does about an image's referrers (<see cref="WarmingOptions.CopyReferrers"/>): after an import, copy
/// them from the source; for an image the target had, look upstream again only under
/// <see cref="WarmingOptions.RefreshReferrers"/> (referrer and tag lookups, never a pull of the image), else count what
/// the target holds, asking nothing upstream.
/// </summary>
public sealed class ReferrerStep(ReferrerSync sync, IOptions<WarmingOptions> options)
{
    /// <summary>Whether referrers are copied at all.</summary>
    public bool Enabled => options.Value.CopiesReferrers;

    /// <summary><paramref name="item"/> with its referrers copied, refreshed or counted.</summary>
    public async Task<WarmItem> ApplyAsync(WarmItem item, string targetRegistry, TagListing tags, CancellationToken cancellationToken = default)
    {
        if (!Enabled || item.TargetDigest is not { } digest)
        {
            return item;
        }
        if (item.After == WarmStatus.Imported || (item.After == WarmStatus.Present && options.Value.RefreshReferrers))
        {
            var outcome = await sync.SyncAsync(item.Spec, targetRegistry, digest, cancellationToken);
            return item with { Referrers = outcome.Found, ReferrersCopied = outcome.Written, ReferrersError = outcome.Error };
        }
        return item.After is WarmStatus.Present or WarmStatus.Drifted
            ? item with { Referrers = await sync.CountAsync(item.Spec, targetRegistry, digest, tags, cancellationToken) }
            : item;
    }
}
