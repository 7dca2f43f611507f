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

    /// <summary>Reads a lock file, or says what is wrong with it.</summary>
    public static bool TryParse(byte[] content, [NotNullWhen(true)] out LockFile? lockFile, [NotNullWhen(false)] out string? error)
    {
        lockFile = null;
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version)
                || version.ValueKind != JsonValueKind.Number || version.GetInt32() != CurrentVersion)
            {
                error = $"not a version {CurrentVersion} lock file";
                return false;
            }
            var registry = root.TryGetProperty("registry", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "";
            var images = new Dictionary<string, LockedImage>(StringComparer.Ordinal);
            if (!root.TryGetProperty("images", out var entries) || entries.ValueKind != JsonValueKind.Object)
            {
                error = "has no \"images\" object";
                return false;
            }
            foreach (var entry in entries.EnumerateObject())
            {
                if (!LockedImage.TryRead(entry.Value, out var image, out error))
                {
                    error = $"entry {(entry.Name.Length > 200 ? entry.Name[..200] + "…" : entry.Name)}: {error}";
                    return false;
                }
                images[entry.Name] = image;
            }
            lockFile = new LockFile(registry, images);
            error = null;
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            error = $"is not valid JSON: {e.Message}";
            return false;
        }
    }
}
