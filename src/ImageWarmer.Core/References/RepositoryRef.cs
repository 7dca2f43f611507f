namespace ImageWarmer.Core.References;

/// <summary>
/// A repository in a registry: <c>myacr.azurecr.io</c> + <c>library/nginx</c>. What the registry client's blob, tag,
/// referrer and delete calls are bound to, instead of two loose strings that can be passed the wrong way round.
/// Made from an <see cref="ImageReference"/> (<see cref="ImageReference.Location"/>), whose parse checked both parts.
/// </summary>
public readonly record struct RepositoryRef(string Registry, string Repository)
{
    /// <summary>The image at <paramref name="tagOrDigest"/> in this repository (a digest has a colon, a tag never does).</summary>
    /// <exception cref="FormatException">Not a valid tag or digest.</exception>
    public ImageReference At(string tagOrDigest) =>
        ImageReference.Parse($"{this}{(tagOrDigest.Contains(':', StringComparison.Ordinal) ? "@" : ":")}{tagOrDigest}");

    /// <summary><c>registry/repository</c>.</summary>
    public override string ToString() => $"{Registry}/{Repository}";
}
