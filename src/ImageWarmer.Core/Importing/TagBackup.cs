namespace ImageWarmer.Core.Importing;

/// <summary>An image the target already holds, to be kept under another tag in its repository before its tag moves.</summary>
/// <param name="TargetRegistry">The target's login server.</param>
/// <param name="Repository">The repository that holds it.</param>
/// <param name="Digest">Its digest (what the moving tag points at now).</param>
/// <param name="Tag">The tag to keep it under (<c>1.27-prev-20261129</c>).</param>
public sealed record TagBackup(string TargetRegistry, string Repository, string Digest, string Tag);
