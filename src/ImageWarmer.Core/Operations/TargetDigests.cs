using ImageWarmer.Core.Concurrency;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Core.Operations;

/// <summary>The digest the target registry holds for each image's target tag, asked for all images at once (a HEAD
/// each, never upstream): what <c>lock</c> and <c>pin</c> write down.</summary>
public sealed class TargetDigests(RegistryClient registry, ConcurrencyLimits limits)
{
    /// <summary>One digest per image of <paramref name="images"/>, in order; null where <paramref name="host"/> lacks it.</summary>
    public async Task<string?[]> OfAsync(IReadOnlyList<ImportSpec> images, string host, CancellationToken cancellationToken = default)
    {
        var digests = new string?[images.Count];
        await limits.LookupsAsync(images.Count, async (i, token) =>
            digests[i] = (await registry.TryResolveAsync(images[i].Target.In(host), token))?.Digest, cancellationToken);
        return digests;
    }
}
