using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Discovery;

/// <summary>One locked image: its ACR name (<c>repo:tag</c>) and the digest ACR held for it.</summary>
public sealed record LockedImage(string Target, string Digest)
{
    /// <summary>Reads <c>{"target","digest"}</c>, checking that the digest is one.</summary>
    public static bool TryRead(JsonElement element, [NotNullWhen(true)] out LockedImage? image, [NotNullWhen(false)] out string? error)
    {
        image = null;
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("target", out var target) || target.ValueKind != JsonValueKind.String
            || !element.TryGetProperty("digest", out var digest) || digest.ValueKind != JsonValueKind.String)
        {
            error = "needs \"target\" and \"digest\" strings";
            return false;
        }
        if (!ReferenceGrammar.TryCheckDigest(digest.GetString()!, out error))
        {
            return false;
        }
        image = new LockedImage(target.GetString()!, digest.GetString()!);
        return true;
    }
}
