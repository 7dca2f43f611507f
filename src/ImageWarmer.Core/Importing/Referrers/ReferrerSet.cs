using ImageWarmer.Core.Registry;

namespace ImageWarmer.Core.Importing.Referrers;

/// <summary>What refers to one image in one repository.</summary>
/// <param name="Indexed">The manifests that name the image as their <c>subject</c>: from the referrers API, or from the
/// fallback index tag when the registry has no API.</param>
/// <param name="FallbackIndex">The fallback index itself, when that is where <paramref name="Indexed"/> came from (it is
/// copied byte for byte, under its tag).</param>
/// <param name="Tagged">Cosign's tags beside the image.</param>
public sealed record ReferrerSet(IReadOnlyList<Descriptor> Indexed, ManifestContent? FallbackIndex, IReadOnlyList<TaggedReferrer> Tagged)
{
    /// <summary>Nothing refers to the image.</summary>
    public static ReferrerSet None { get; } = new([], null, []);

    /// <summary>How many distinct manifests refer to the image.</summary>
    public int Count => Indexed.Select(d => d.Digest).Concat(Tagged.Select(t => t.Digest)).Distinct(StringComparer.Ordinal).Count();
}
