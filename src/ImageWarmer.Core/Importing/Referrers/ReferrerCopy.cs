namespace ImageWarmer.Core.Importing.Referrers;

/// <summary>What a referrer copy did: how many manifests and tags it wrote, and which tags it left alone because they
/// hold something that is not a referrer ImageWarmer may write over (a pinned image under the fallback tag, a team's own
/// signature), each with the reason.</summary>
public sealed record ReferrerCopy(int Written, IReadOnlyList<string> LeftAlone);
