using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Warming;

/// <summary>
/// What a queue request may do beyond what its text says, decided before anything is imported:
/// <list type="bullet">
/// <item>It writes a tag only with the image upstream has under that same tag. A request whose tag the plan's own
/// HEAD does not vouch for (a pinned <c>repo:tag@sha256:…</c>, or a target tag other than the source's) is checked with
/// a HEAD of the namesake upstream tag; a mismatch is rejected, so no request plants <c>library/nginx:1.28.0</c> with
/// another nginx, and the match is imported by that digest.</item>
/// <item>Its <c>force</c> counts only when <see cref="WarmingOptions.AllowQueueForce"/> allows it; even then, as under the
/// Reimport drift policy, the tag is replaced only with <see cref="ReplacementProof"/>'s proof that it is ImageWarmer's
/// import of the same source repository, still holding the digest that import wrote.</item>
/// </list>
/// </summary>
public sealed class QueueRequestVetting(RegistryClient registry, IOptions<WarmingOptions> options)
{
    /// <summary>Whether the tag <paramref name="spec"/> writes needs a word from upstream: the plan HEADs the source,
    /// which vouches for the source's own tag (or, for a digest, for the digest's tag) and nothing else.</summary>
    public static bool NeedsUpstreamWord(ImportSpec spec) => spec.Source.Digest is { } pin
        ? spec.Target.Tag != TargetImage.TagForDigest(pin)
        : spec.Target.Tag != spec.Source.Tag;

    /// <summary>Vets <paramref name="request"/>, read as <paramref name="spec"/>.</summary>
    public async Task<VettedRequest> VetAsync(WarmRequest request, ImportSpec spec, CancellationToken cancellationToken = default)
    {
        if (NeedsUpstreamWord(spec))
        {
            var (vouched, rejection) = await AskUpstreamAsync(spec, cancellationToken);
            if (rejection is not null)
            {
                return VettedRequest.Rejected(rejection);
            }
            spec = vouched!;
        }

        var settings = options.Value;
        var force = request.Force && settings.AllowQueueForce;
        var note = request.Force && !settings.AllowQueueForce ? "force ignored: ImageWarmer:Warming:AllowQueueForce is off" : null;
        // Whether the tag is ImageWarmer's to replace is proved by the warm run itself (ReplacementProof), for every caller.
        return new VettedRequest(spec, force ? TagReplacement.Always : TagReplacement.ByDriftPolicy, null) { Note = note };
    }

    private async Task<(ImportSpec? Spec, string? Rejection)> AskUpstreamAsync(ImportSpec spec, CancellationToken cancellationToken)
    {
        var tag = spec.Target.Tag;
        if (!spec.Source.WithoutDigest().TryWithTag(tag, out var namesake, out var error))
        {
            return (null, $"target tag '{tag}' cannot name an upstream tag: {error}");
        }
        var wanted = spec.Source.Digest ?? (await registry.TryResolveAsync(spec.Source, cancellationToken))?.Digest;
        if (wanted is null)
        {
            // Upstream lacks the source: the plan will say so, and nothing is imported.
            return (spec, null);
        }
        var upstream = await registry.TryResolveAsync(namesake, cancellationToken);
        if (upstream?.Digest != wanted)
        {
            return (null, $"{spec.Source.Familiar} is {wanted}, but upstream's {namesake.Familiar} is {upstream?.Digest ?? "not there"}: "
                + $"a queue request may only write tag {tag} with the image upstream has under it");
        }
        return spec.Source.TryWithDigest(wanted, out var pinned, out error)
            ? (spec with { Source = pinned }, null)
            : (null, $"upstream named digest '{wanted}': {error}");
    }
}
