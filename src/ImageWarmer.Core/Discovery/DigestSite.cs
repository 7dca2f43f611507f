namespace ImageWarmer.Core.Discovery;

/// <summary>
/// Where a declaration's digest goes, found by the reader that read it: character offsets into the file's text as
/// discovery decoded it (UTF-8, without a byte order mark). <c>imagewarmer pin</c> changes exactly this span and
/// nothing else, and checks first that it still reads <see cref="Text"/>.
/// </summary>
/// <param name="Kind">How the digest is written here.</param>
/// <param name="Start">The span's first character (for <see cref="DigestSiteKind.NewDigestField"/>: where the new line
/// goes, the end of a line before its line break).</param>
/// <param name="Length">The span's length (0 for a new field).</param>
/// <param name="Text">What the span holds: the reference or digest as written (empty for a new field).</param>
public sealed record DigestSite(DigestSiteKind Kind, int Start, int Length, string Text)
{
    /// <summary>For a new field: the indentation of the mapping's keys.</summary>
    public string Indent { get; init; } = "";

    /// <summary>For <see cref="DigestSiteKind.Fixed"/>: why pin cannot write here.</summary>
    public string? Reason { get; init; }

    /// <summary>A declaration pin does not touch, and why.</summary>
    public static DigestSite Fixed(string reason) => new(DigestSiteKind.Fixed, 0, 0, "") { Reason = reason };

    /// <summary>The digest the declaration carries now, or null.</summary>
    public string? CurrentDigest => Kind switch
    {
        DigestSiteKind.DigestField => Text,
        DigestSiteKind.Reference when Text.IndexOf('@', StringComparison.Ordinal) is >= 0 and var at => Text[(at + 1)..],
        _ => null,
    };
}
