using System.Security.Cryptography;

namespace ImageWarmer.Core.Registry;

/// <summary>Content digests as registries write them: <c>sha256:</c> + lowercase hex.</summary>
public static class Digests
{
    /// <summary>The sha256 digest of <paramref name="content"/>.</summary>
    public static string Sha256(ReadOnlySpan<byte> content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}
