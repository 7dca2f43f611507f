namespace ImageWarmer.Core.Importing.Referrers;

/// <summary>What a look for an image's referrers found and wrote.</summary>
/// <param name="Found">How many artifacts refer to the image (signatures, attestations, SBOMs), or null when the look failed.</param>
/// <param name="Written">How many of them (manifests and tags) were written to the target.</param>
/// <param name="Error">Why the look or a copy failed, or null.</param>
public sealed record ReferrerOutcome(int? Found, int Written, string? Error)
{
    /// <summary>Not looked for.</summary>
    public static ReferrerOutcome NotAsked { get; } = new(null, 0, null);
}
