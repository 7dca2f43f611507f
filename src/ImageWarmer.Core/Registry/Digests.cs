using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Registry;

/// <summary>Content digests as registries write them: <c>sha256:</c> + lowercase hex.</summary>
public static class Digests
{
    /// <summary>The sha256 digest of <paramref name="content"/>.</summary>
    public static string Sha256(ReadOnlySpan<byte> content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Whether <paramref name="digest"/> is one (<c>sha256:</c> + 64 lowercase hex, or <c>sha512:</c> + 128); a
    /// digest from a registry goes into URLs and references, so it is checked before it is used.</summary>
    public static bool TryCheck([NotNullWhen(true)] string? digest, [NotNullWhen(false)] out string? error)
    {
        if (digest is null)
        {
            error = "no digest";
            return false;
        }
        if (digest.Length > 160)
        {
            error = $"digest of {digest.Length:N0} characters is not a digest";
            return false;
        }
        return ReferenceGrammar.TryCheckDigest(digest, out error);
    }
}
