using System.Diagnostics.CodeAnalysis;

namespace ImageWarmer.Core.References;

/// <summary>
/// A container image reference, parsed and normalised per the distribution reference grammar
/// (https://github.com/distribution/reference): <c>nginx</c> becomes <c>docker.io/library/nginx:latest</c>,
/// <c>host:port/a/b:tag@sha256:…</c> keeps every part.
/// </summary>
/// <remarks>
/// One deliberate difference from Docker: a first path component with uppercase letters is not taken
/// for a registry host (<c>MyOrg/app</c>), it is rejected as a non-lowercase repository, which is
/// what its author almost always meant.
/// </remarks>
public sealed record ImageReference
{
    /// <summary>The name Docker Hub has in references; its API host is <c>registry-1.docker.io</c>.</summary>
    public const string DockerHub = "docker.io";

    /// <summary>The tag a reference gets when it names neither a tag nor a digest.</summary>
    public const string DefaultTag = "latest";

    private const string OfficialImagesNamespace = "library/";
    private const int MaxInputLength = 512;

    private ImageReference(string registry, string repository, string? tag, string? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>Registry host (with port), lowercase; Docker Hub is always <c>docker.io</c>.</summary>
    public string Registry { get; }

    /// <summary>Repository path inside the registry, e.g. <c>library/nginx</c>.</summary>
    public string Repository { get; }

    /// <summary>The tag, or null when the reference is by digest only.</summary>
    public string? Tag { get; }

    /// <summary>The content digest (<c>sha256:…</c>), or null.</summary>
    public string? Digest { get; }

    /// <summary><c>registry/repository</c>, without tag or digest.</summary>
    public string Name => $"{Registry}/{Repository}";

    /// <summary>The repository this image is in, for the registry calls bound to one.</summary>
    public RepositoryRef Location => new(Registry, Repository);

    /// <summary>Every part spelled out: <c>docker.io/library/nginx:1.27@sha256:…</c>.</summary>
    public string FullyQualified => Name + Suffix;

    /// <summary>The short form people type: <c>nginx:1.27</c>, <c>sonatype/nexus3:3.77.2</c>, <c>ghcr.io/a/b:1</c>.</summary>
    public string Familiar
    {
        get
        {
            if (Registry != DockerHub)
            {
                return FullyQualified;
            }
            var repository = Repository.StartsWith(OfficialImagesNamespace, StringComparison.Ordinal)
                && Repository.IndexOf('/', OfficialImagesNamespace.Length) < 0
                    ? Repository[OfficialImagesNamespace.Length..]
                    : Repository;
            return repository + Suffix;
        }
    }

    private string Suffix => (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>Parses <paramref name="text"/>, throwing <see cref="FormatException"/> with the reason.</summary>
    public static ImageReference Parse(string text) =>
        TryParse(text, out var reference, out var error)
            ? reference
            : throw new FormatException($"'{text}' is not a valid image reference: {error}");

    /// <inheritdoc cref="TryParse(string?, out ImageReference?, out string?)"/>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ImageReference? reference) =>
        TryParse(text, out reference, out _);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says which part is wrong.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ImageReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "reference is empty";
            return false;
        }
        if (text.Length > MaxInputLength)
        {
            error = $"reference is {text.Length} characters long; at most {MaxInputLength} are allowed";
            return false;
        }
        if (!ReferenceGrammar.TryCheckCharacters(text, out error))
        {
            return false;
        }

        var rest = text;
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!ReferenceGrammar.TryCheckDigest(digest, out error))
            {
                return false;
            }
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!ReferenceGrammar.TryCheckTag(tag, out error))
            {
                return false;
            }
        }

        // The first component is a host only when it looks like one (SplitRegistry), so RegistryHost's rule applies as is.
        var (written, repository) = SplitRegistry(rest);
        if (!RegistryHost.TryParse(written, out var host, out error) || !ReferenceGrammar.TryCheckRepository(repository, out error))
        {
            return false;
        }

        var registry = host.Name;
        if (registry == DockerHub && !repository.Contains('/', StringComparison.Ordinal))
        {
            repository = OfficialImagesNamespace + repository;
        }
        if (registry.Length + 1 + repository.Length > ReferenceGrammar.MaxNameLength)
        {
            error = $"name '{registry}/{repository}' is longer than {ReferenceGrammar.MaxNameLength} characters";
            return false;
        }

        reference = new ImageReference(registry, repository, tag ?? (digest is null ? DefaultTag : null), digest);
        return true;
    }

    /// <summary>The same image under another tag (the digest is kept), or the reason the tag is invalid.</summary>
    public bool TryWithTag(string tag, [NotNullWhen(true)] out ImageReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = ReferenceGrammar.TryCheckTag(tag, out error) ? new(Registry, Repository, tag, Digest) : null;
        return reference is not null;
    }

    /// <summary>The same image pinned to <paramref name="digest"/>, or the reason the digest is invalid.</summary>
    public bool TryWithDigest(string digest, [NotNullWhen(true)] out ImageReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = ReferenceGrammar.TryCheckDigest(digest, out error) ? new(Registry, Repository, Tag, digest) : null;
        return reference is not null;
    }

    /// <summary>The same image without its digest: what a tag-based comparison keys on.</summary>
    public ImageReference WithoutDigest() => Digest is null ? this : new(Registry, Repository, Tag ?? DefaultTag, null);

    /// <inheritdoc/>
    public override string ToString() => FullyQualified;

    // The first component names a registry only when it looks like a host: it has a dot or a port,
    // or is "localhost". Otherwise the whole text is a Docker Hub repository.
    private static (string Registry, string Repository) SplitRegistry(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return (DockerHub, name);
        }
        var first = name[..slash];
        return RegistryHost.LooksLikeHost(first) ? (first, name[(slash + 1)..]) : (DockerHub, name);
    }
}
