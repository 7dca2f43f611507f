using System.Diagnostics.CodeAnalysis;

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

    /// <summary>The tag ACR gets for an image referenced by digest only: <c>sha256-&lt;hex&gt;</c>.</summary>
    public static string TagForDigest(string digest) => digest.Replace(':', '-');

    /// <inheritdoc/>
    public override string ToString() => $"{Repository}:{Tag}";
}
