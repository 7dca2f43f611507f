namespace ImageWarmer.Core.Importing.Referrers;

/// <summary>The tags named after a subject's digest: the referrers tag schema's fallback index (<c>sha256-&lt;hex&gt;</c>,
/// for registries without the referrers API) and cosign's tags beside it (<c>sha256-&lt;hex&gt;.sig</c>, <c>.att</c>,
/// <c>.sbom</c>). See https://github.com/opencontainers/distribution-spec/blob/main/spec.md#referrers-tag-schema and
/// https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md.</summary>
public static class ReferrerTags
{
    /// <summary>The suffixes of cosign's tags: signatures, attestations, attached SBOMs.</summary>
    public static IReadOnlyList<string> CosignSuffixes { get; } = [".sig", ".att", ".sbom"];

    /// <summary>The fallback index tag of <paramref name="digest"/>: <c>&lt;alg&gt;-&lt;hex&gt;</c>, the algorithm cut to
    /// 32 characters and the hex to 64, as the schema says (so a sha512 tag stays within 128 characters).</summary>
    public static string Fallback(string digest)
    {
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        var algorithm = digest[..colon];
        var hex = digest[(colon + 1)..];
        return $"{algorithm[..Math.Min(32, algorithm.Length)]}-{hex[..Math.Min(64, hex.Length)]}";
    }

    /// <summary>Cosign's tags for <paramref name="digest"/>, one per suffix.</summary>
    public static IEnumerable<string> Cosign(string digest) => CosignSuffixes.Select(suffix => Fallback(digest) + suffix);
}
