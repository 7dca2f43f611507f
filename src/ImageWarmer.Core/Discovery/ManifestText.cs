using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ImageWarmer.Core.Discovery;

/// <summary>Turns a manifest's bytes into text, refusing binary content and invalid UTF-8 with the line where it is.</summary>
public static class ManifestText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private const int BinaryProbeLength = 8000;

    /// <summary>Decodes <paramref name="content"/>; a UTF-8 byte order mark is dropped.</summary>
    public static bool TryDecode(byte[] content, [NotNullWhen(true)] out string? text, out int? errorLine, [NotNullWhen(false)] out string? error)
    {
        text = null;
        errorLine = null;
        var bytes = content.AsSpan();
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        // Git's own test for binary content: a NUL byte near the start.
        var nul = bytes[..Math.Min(bytes.Length, BinaryProbeLength)].IndexOf((byte)0);
        if (nul >= 0)
        {
            errorLine = LineAt(bytes, nul);
            error = "is a binary file (it contains NUL bytes), not a text manifest";
            return false;
        }
        try
        {
            text = StrictUtf8.GetString(bytes);
            error = null;
            return true;
        }
        catch (DecoderFallbackException e)
        {
            errorLine = LineAt(bytes, Math.Max(0, e.Index));
            error = $"is not valid UTF-8 text (bad byte at offset {e.Index})";
            return false;
        }
    }

    private static int LineAt(ReadOnlySpan<byte> bytes, int offset) => bytes[..Math.Min(offset, bytes.Length)].Count((byte)'\n') + 1;
}
