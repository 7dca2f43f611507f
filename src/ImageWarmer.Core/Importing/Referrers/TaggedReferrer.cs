namespace ImageWarmer.Core.Importing.Referrers;

/// <summary>A referrer found under a tag named after its subject (cosign's <c>sha256-&lt;hex&gt;.sig</c>), and its digest.</summary>
public sealed record TaggedReferrer(string Tag, string Digest);
