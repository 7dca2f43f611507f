using System.Diagnostics.CodeAnalysis;
using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.References;

/// <summary>Where an image lands in ACR: a repository path and a tag, e.g. <c>sonatype/nexus3:3.77.2</c>.</summary>
public sealed record TargetImage
{
    private TargetImage(string repository, string tag)
    {
        Repository = repository;
        Tag = tag;
    }

    /// <summary>Repository path inside the target registry.</summary>
    public string Repository { get; }

    /// <summary>The tag the import writes.</summary>
    public string Tag { get; }

    /// <summary>Validates both parts and builds the target.</summary>
    public static bool TryCreate(string repository, string tag, [NotNullWhen(true)] out TargetImage? target, [NotNullWhen(false)] out string? error)
    {
        target = null;
        if (!ReferenceGrammar.TryCheckCharacters(repository + tag, out error)
            || !ReferenceGrammar.TryCheckRepository(repository, out error)
            || !ReferenceGrammar.TryCheckTag(tag, out error))
        {
            return false;
        }
        if (repository.Length > ReferenceGrammar.MaxNameLength)
        {
            error = $"repository '{repository}' is longer than {ReferenceGrammar.MaxNameLength} characters";
            return false;
        }
        target = new TargetImage(repository, tag);
        return true;
    }

    /// <summary>Parses <c>repository[:tag]</c>; the tag defaults to <paramref name="defaultTag"/>.</summary>
    public static bool TryParse(string text, string defaultTag, [NotNullWhen(true)] out TargetImage? target, [NotNullWhen(false)] out string? error)
    {
        var colon = text.LastIndexOf(':');
        return colon > text.LastIndexOf('/')
            ? TryCreate(text[..colon], text[(colon + 1)..], out target, out error)
            : TryCreate(text, defaultTag, out target, out error);
    }

    /// <summary>
    /// The tag ACR gets for an image referenced by digest only: <c>sha256_&lt;hex&gt;</c> (the algorithm cut to 32
    /// characters, the hex to 64, anything but letters and digits turned into <c>_</c>). It holds no <c>-</c>, so it can
    /// never be a tag the referrers tag schema (<c>sha256-&lt;hex&gt;</c>, always <c>&lt;alg&gt;-&lt;ref&gt;</c>) or cosign
    /// (<c>sha256-&lt;hex&gt;.sig</c>, <c>.att</c>, <c>.sbom</c>) gives meaning to: a referrer copy cannot merge an index into
    /// a pinned image's tag. Releases before this one wrote <c>sha256-&lt;hex&gt;</c> (docs/features.md says what becomes of it).
    /// </summary>
    public static string TagForDigest(string digest)
    {
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        return $"{TagSafe(digest[..colon], 32)}_{TagSafe(digest[(colon + 1)..], 64)}";
    }

    private static string TagSafe(string part, int maxLength) =>
        new([.. part.Take(maxLength).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);

    /// <summary>The tag the target of <paramref name="source"/> gets unless a manifest names one: the source's tag,
    /// or for a digest-only source the digest as a tag.</summary>
    public static string DefaultTagFor(ImageReference source) => source.Tag ?? TagForDigest(source.Digest!);

    /// <summary>
    /// The ACR name derived from a source when no manifest or request names one: the source repository path
    /// (<c>docker.io/library/debian</c> → <c>library/debian</c>) under an optional prefix, with the default tag.
    /// The one place this naming rule lives: discovery and queue requests both use it.
    /// </summary>
    public static bool TryDerive(ImageReference source, string? prefix, [NotNullWhen(true)] out TargetImage? target, [NotNullWhen(false)] out string? error)
    {
        var trimmed = prefix?.Trim('/');
        var repository = string.IsNullOrEmpty(trimmed) ? source.Repository : $"{trimmed}/{source.Repository}";
        return TryCreate(repository, DefaultTagFor(source), out target, out error);
    }

    /// <summary>
    /// This target as a reference in <paramref name="registry"/> (a login server such as <c>myacr.azurecr.io</c>), or
    /// why it cannot be one: a repository that is valid on its own can still make <c>{registry}/{repository}</c> longer
    /// than the reference grammar allows (a 239-character Docker Hub repository in any ACR).
    /// </summary>
    public bool TryIn(string registry, [NotNullWhen(true)] out ImageReference? reference, [NotNullWhen(false)] out string? error)
    {
        var length = registry.Length + 1 + Repository.Length;
        if (length > ReferenceGrammar.MaxNameLength)
        {
            (reference, error) = (null,
                $"the ACR name {registry}/{Repository} would be {length} characters; a reference name is at most {ReferenceGrammar.MaxNameLength}");
            return false;
        }
        return ImageReference.TryParse($"{registry}/{this}", out reference, out error);
    }

    /// <summary>This target as a reference in <paramref name="registry"/>.</summary>
    /// <exception cref="ImageWarmerException">It cannot be one (<see cref="FailureKind.InvalidInput"/>), with the reason.</exception>
    public ImageReference In(string registry) =>
        TryIn(registry, out var reference, out var error) ? reference : throw new ImageWarmerException(FailureKind.InvalidInput, error);

    /// <inheritdoc/>
    public override string ToString() => $"{Repository}:{Tag}";
}
