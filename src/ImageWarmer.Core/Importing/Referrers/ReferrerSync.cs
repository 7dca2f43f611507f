using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Failures;
using Microsoft.Extensions.Logging;

namespace ImageWarmer.Core.Importing.Referrers;

/// <summary>Brings an image's referrers from its source into the target, and counts what the target holds. A failure
/// here is the referrers' own: the image stays where it is, and the outcome says what went wrong.</summary>
public sealed class ReferrerSync(ReferrerFinder finder, ReferrerCopier copier, ILogger<ReferrerSync> logger)
{
    /// <summary>Looks in <paramref name="spec"/>'s source repository for what refers to <paramref name="digest"/> (the
    /// image as imported: digests are preserved) and copies what the target lacks.</summary>
    public async Task<ReferrerOutcome> SyncAsync(ImportSpec spec, string targetRegistry, string digest, CancellationToken cancellationToken = default)
    {
        try
        {
            var found = await finder.FindAsync(spec.Source.Location, digest, cancellationToken);
            var copy = found.Count == 0 && found.FallbackIndex is null
                ? new ReferrerCopy(0, [])
                : await copier.CopyAsync(spec.Source, spec.Target.In(targetRegistry), digest, found, cancellationToken);
            if (copy.Written > 0)
            {
                Log.ReferrersCopied(logger, copy.Written, spec.Source.FullyQualified, digest, spec.Target.ToString());
            }
            // A tag left alone is not a failure, but it wants attention: upstream's referrers are not all in the target.
            var leftAlone = copy.LeftAlone.Count == 0 ? null : $"referrer tags left alone: {string.Join("; ", copy.LeftAlone)}";
            return new ReferrerOutcome(found.Count, copy.Written, leftAlone);
        }
        catch (Exception e) when (Failure.OfItem(e, cancellationToken) is not null)
        {
            Log.ReferrersNotCopied(logger, spec.Source.FullyQualified, spec.Target.ToString(), e.Message);
            return new ReferrerOutcome(null, 0, $"its referrers were not copied: {e.Message}");
        }
    }

    /// <summary>How many artifacts refer to <paramref name="digest"/> in the target (null when they could not be counted).</summary>
    public async Task<int?> CountAsync(ImportSpec spec, string targetRegistry, string digest, TagListing tags, CancellationToken cancellationToken = default)
    {
        try
        {
            return await finder.CountAsync(spec.Target.In(targetRegistry).Location, digest, tags, cancellationToken);
        }
        catch (Exception e) when (Failure.OfItem(e, cancellationToken) is not null)
        {
            return null;
        }
    }
}
