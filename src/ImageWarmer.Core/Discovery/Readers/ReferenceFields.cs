using System.Diagnostics.CodeAnalysis;
using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Discovery.Readers;

/// <summary>
/// The fields that manifests write beside a source reference (<c>tag</c>, <c>digest</c>, a target name), applied with
/// one set of rules: a field may add to the source, never contradict it.
/// </summary>
internal static class ReferenceFields
{
    public static bool TryApplyTag(ref ImageReference reference, string tag, string field, [NotNullWhen(false)] out string? error)
    {
        // "latest" is also what a reference without a tag gets, so only another explicit tag is a contradiction.
        if (reference.Tag is not null && reference.Tag != ImageReference.DefaultTag && reference.Tag != tag)
        {
            error = $"{field} '{tag}' disagrees with the tag '{reference.Tag}' in the source";
            return false;
        }
        if (!reference.TryWithTag(tag, out var tagged, out var reason))
        {
            error = $"{field} is not valid: {reason}";
            return false;
        }
        reference = tagged;
        error = null;
        return true;
    }

    public static bool TryApplyDigest(ref ImageReference reference, string digest, string field, [NotNullWhen(false)] out string? error)
    {
        if (reference.Digest is not null && reference.Digest != digest)
        {
            error = $"{field} '{digest}' disagrees with the digest in the source";
            return false;
        }
        if (!reference.TryWithDigest(digest, out var pinned, out var reason))
        {
            error = $"{field} is not valid: {reason}";
            return false;
        }
        reference = pinned;
        error = null;
        return true;
    }

    /// <summary>An explicit ACR name, <c>repository[:tag]</c>; the tag defaults to the source's.</summary>
    public static bool TryTarget(ImageReference source, string text, string field, [NotNullWhen(true)] out TargetImage? target, [NotNullWhen(false)] out string? error)
    {
        if (TargetImage.TryParse(text, TargetImage.DefaultTagFor(source), out target, out var reason))
        {
            error = null;
            return true;
        }
        error = $"{field} '{text}' is not a valid ACR repository[:tag]: {reason}";
        return false;
    }
}
