using System.Text.Json;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Core.Importing;

/// <summary>What a manifest points at: an index's platform manifests, or an image manifest's config and layers; an
/// artifact (a signature, an SBOM) is read the same way, whatever its <c>artifactType</c> and config type, and its
/// <c>subject</c> (the image it refers to) is kept aside: it is not copied with it, it is what it was copied for.
/// See https://github.com/opencontainers/image-spec/blob/main/image-index.md and manifest.md.</summary>
public sealed record ManifestReferences(IReadOnlyList<Descriptor> Manifests, IReadOnlyList<Descriptor> Blobs)
{
    /// <summary>The manifest this one refers to (OCI 1.1 <c>subject</c>), or null.</summary>
    public Descriptor? Subject { get; private init; }

    /// <summary>Every blob's size added up (checked when parsed: it fits a long).</summary>
    public long BlobBytes { get; private init; }

    /// <summary>Reads the descriptors out of <paramref name="manifest"/>. Upstream manifests are untrusted input: every
    /// descriptor must have a media type, a digest that is one, and a size that is a whole number of bytes, and the sizes
    /// must add up without overflowing.</summary>
    /// <exception cref="ImportFailedException">The manifest is not one ImageWarmer understands (<see cref="FailureKind.InvalidInput"/>),
    /// with the reason.</exception>
    public static ManifestReferences Parse(ManifestContent manifest)
    {
        try
        {
            using var json = JsonDocument.Parse(manifest.Bytes);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"it is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object");
            }
            Descriptor? subject = root.TryGetProperty("subject", out var about) ? Read(about, "subject") : null;
            if (MediaTypes.IsIndex(manifest.Descriptor.MediaType) || root.TryGetProperty("manifests", out _))
            {
                return new([.. Descriptors(root, "manifests")], []) { Subject = subject };
            }
            Descriptor[] config = root.TryGetProperty("config", out var c) ? [Read(c, "config")] : [];
            // "blobs": the artifact manifest of image-spec 1.1's release candidates.
            Descriptor[] blobs = [.. config, .. Descriptors(root, "layers"), .. Descriptors(root, "blobs")];
            return new([], blobs) { BlobBytes = Total(blobs), Subject = subject };
        }
        catch (Exception e) when (e is JsonException or FormatException or OverflowException)
        {
            throw new ImportFailedException(FailureKind.InvalidInput,
                $"manifest {manifest.Descriptor.Digest} ({manifest.Descriptor.MediaType}) could not be read: {e.Message}", e);
        }
    }

    private static IEnumerable<Descriptor> Descriptors(JsonElement root, string property)
    {
        if (!root.TryGetProperty(property, out var list))
        {
            return [];
        }
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"'{property}' is not a list");
        }
        return list.EnumerateArray().Select((element, i) => Read(element, $"{property}[{i}]"));
    }

    private static Descriptor Read(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{where} is not a descriptor object");
        }
        var mediaType = element.TryGetProperty("mediaType", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : null;
        if (string.IsNullOrEmpty(mediaType))
        {
            throw new FormatException($"{where} has no mediaType");
        }
        if (!MediaTypes.IsWellFormed(mediaType))
        {
            throw new FormatException($"{where} has a mediaType that is not one");
        }
        var digest = element.TryGetProperty("digest", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        if (!Digests.TryCheck(digest, out var error))
        {
            throw new FormatException($"{where} has a digest that is not one: {error}");
        }
        if (!element.TryGetProperty("size", out var s) || s.ValueKind != JsonValueKind.Number || !s.TryGetInt64(out var size) || size < 0)
        {
            throw new FormatException($"{where} ({digest}) has a size that is not a whole number of bytes");
        }
        return new Descriptor(mediaType, digest, size);
    }

    private static long Total(IEnumerable<Descriptor> blobs)
    {
        var total = 0L;
        foreach (var blob in blobs)
        {
            total = total > long.MaxValue - blob.Size
                ? throw new OverflowException($"its blob sizes add up to more than {long.MaxValue:N0} bytes")
                : total + blob.Size;
        }
        return total;
    }
}
