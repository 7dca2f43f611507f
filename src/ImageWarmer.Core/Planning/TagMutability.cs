using System.Text.RegularExpressions;
using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Planning;

/// <summary>
/// Which references can move: a digest never does, and neither does a full version tag (by the configured pattern);
/// <c>latest</c>, <c>3</c> and <c>bookworm-slim</c> are floating and are compared by digest upstream.
/// </summary>
public sealed class TagMutability(string immutableTagPattern)
{
    private readonly Regex _immutable = new(immutableTagPattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));

    /// <summary>Whether <paramref name="source"/> always names the same content.</summary>
    public bool IsImmutable(ImageReference source) => source.Digest is not null || (source.Tag is { } tag && _immutable.IsMatch(tag));
}
