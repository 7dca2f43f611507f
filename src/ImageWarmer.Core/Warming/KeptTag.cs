namespace ImageWarmer.Core.Warming;

/// <summary>An image kept under a backup tag before its tag moved: the backup tag (in the same repository) and the digest.</summary>
public sealed record KeptTag(string Tag, string Digest);
