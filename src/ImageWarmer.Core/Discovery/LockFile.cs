using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Discovery;

/// <summary>
/// <c>imagewarmer.lock.json</c> at the root of the manifests: the digest ACR held for each declared image when the lock
/// was written (docs/contracts/lock.schema.json). <c>ensure --locked</c> proves ACR still holds exactly these digests
/// without asking any source registry; <c>plan</c> and <c>warm</c> import a locked image by its locked digest.
/// Written sorted, with a trailing newline, so that a change to it reads as a small diff.
/// </summary>
public sealed record LockFile(string Registry, IReadOnlyDictionary<string, LockedImage> Images)
{
    /// <summary>The file name, at the root of the manifests.</summary>
    public const string FileName = "imagewarmer.lock.json";

    /// <summary>The only version this ImageWarmer reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The locked entry of <paramref name="source"/> (its fully qualified reference), if any.</summary>
    public LockedImage? For(ImageReference source) => Images.GetValueOrDefault(source.FullyQualified);

    /// <summary>The file's bytes: keys sorted, two-space indentation, a trailing newline.</summary>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", CurrentVersion);
            json.WriteString("registry", Registry);
            json.WriteStartObject("images");
            foreach (var (source, image) in Images.OrderBy(i => i.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject(source);
                json.WriteString("target", image.Target);
                json.WriteString("digest", image.Digest);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads a lock file, or says what is wrong with it: <c>invalid lock file (line N): …</c>, the line where
    /// it breaks when there is one (a merge conflict marker is named as one: that is how a lock usually breaks).</summary>
    public static bool TryParse(byte[] content, [NotNullWhen(true)] out LockFile? lockFile, [NotNullWhen(false)] out string? error)
    {
        lockFile = null;
        if (ConflictMarkerLine(content) is { } marker)
        {
            error = $"invalid lock file (line {marker}): a merge conflict marker; resolve the conflict, or write the lock again with 'imagewarmer lock'";
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version)
                || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number != CurrentVersion)
            {
                error = $"invalid lock file: not a version {CurrentVersion} lock file";
                return false;
            }
            var registry = root.TryGetProperty("registry", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "";
            var images = new Dictionary<string, LockedImage>(StringComparer.Ordinal);
            if (!root.TryGetProperty("images", out var entries) || entries.ValueKind != JsonValueKind.Object)
            {
                error = "invalid lock file: it has no \"images\" object";
                return false;
            }
            foreach (var entry in entries.EnumerateObject())
            {
                if (!LockedImage.TryRead(entry.Value, out var image, out error))
                {
                    error = $"invalid lock file: entry {(entry.Name.Length > 200 ? entry.Name[..200] + "…" : entry.Name)}: {error}";
                    return false;
                }
                images[entry.Name] = image;
            }
            lockFile = new LockFile(registry, images);
            error = null;
            return true;
        }
        catch (JsonException e)
        {
            // The parser's own position suffix is 0-based; people count lines from 1.
            var reason = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal) is var at and > 0 ? e.Message[..at] : e.Message;
            error = e.LineNumber is { } line ? $"invalid lock file (line {line + 1}): {reason}" : $"invalid lock file: {reason}";
            return false;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            error = $"invalid lock file: {e.Message}";
            return false;
        }
    }

    /// <summary>This lock and <paramref name="other"/> as one (two bundles' locks read in one run); an image both lock
    /// at different digests, or two registries, is an error.</summary>
    public bool TryMerge(LockFile other, [NotNullWhen(true)] out LockFile? merged, [NotNullWhen(false)] out string? error)
    {
        merged = null;
        if (!string.Equals(Registry, other.Registry, StringComparison.OrdinalIgnoreCase))
        {
            error = $"the lock files pin different registries ({Registry} and {other.Registry})";
            return false;
        }
        var images = new Dictionary<string, LockedImage>(Images, StringComparer.Ordinal);
        foreach (var (source, image) in other.Images)
        {
            if (images.TryGetValue(source, out var mine) && mine != image)
            {
                error = $"the lock files disagree on {source} ({mine.Digest} and {image.Digest})";
                return false;
            }
            images[source] = image;
        }
        merged = new LockFile(Registry, images);
        error = null;
        return true;
    }

    private static int? ConflictMarkerLine(byte[] content)
    {
        var line = 1;
        for (var i = 0; i < content.Length; i++)
        {
            if ((i == 0 || content[i - 1] == (byte)'\n') && IsMarker(content.AsSpan(i)))
            {
                return line;
            }
            if (content[i] == (byte)'\n')
            {
                line++;
            }
        }
        return null;
    }

    private static bool IsMarker(ReadOnlySpan<byte> text) =>
        text.StartsWith("<<<<<<<"u8) || text.StartsWith(">>>>>>>"u8) || text.StartsWith("|||||||"u8)
        || (text.StartsWith("======="u8) && (text.Length == 7 || text[7] is (byte)'\n' or (byte)'\r'));
}
