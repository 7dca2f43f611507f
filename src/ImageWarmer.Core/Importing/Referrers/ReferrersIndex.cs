using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Core.Importing.Referrers;

/// <summary>The fallback index a client keeps for a registry without the referrers API: an OCI index of the referrers'
/// descriptors. Merging keeps every descriptor the existing index has, as it has it, and adds the new ones.</summary>
public static class ReferrersIndex
{
    /// <summary>The index <paramref name="existing"/> (null: none yet) with <paramref name="referrers"/> added, each once.</summary>
    public static byte[] Merge(byte[]? existing, IEnumerable<Descriptor> referrers)
    {
        var index = Parse(existing);
        var manifests = index["manifests"] as JsonArray ?? throw new ImportFailedException(FailureKind.InvalidInput, "the referrers tag holds no index");
        var present = manifests.Select(m => m?["digest"]?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var referrer in referrers.Where(r => present.Add(r.Digest)))
        {
            var descriptor = new JsonObject { ["mediaType"] = referrer.MediaType, ["digest"] = referrer.Digest, ["size"] = referrer.Size };
            if (referrer.ArtifactType is { } artifactType)
            {
                descriptor["artifactType"] = artifactType;
            }
            manifests.Add((JsonNode)descriptor);
        }
        return Encoding.UTF8.GetBytes(index.ToJsonString());
    }

    /// <summary>
    /// Whether <paramref name="manifest"/> is a referrers list, so that a client may merge into it: an OCI image index
    /// every entry of which names an <c>artifactType</c>, as every entry of a referrers list must (the referrers API sets
    /// it from the artifact's, or else its config's, media type). A multi-platform image's index (its entries name
    /// platforms), an image, or anything else under the fallback tag is someone else's, and is left alone.
    /// See https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-referrers.
    /// </summary>
    public static bool IsReferrersList(ManifestContent manifest)
    {
        try
        {
            using var json = JsonDocument.Parse(manifest.Bytes);
            var root = json.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && (root.TryGetProperty("mediaType", out var type) ? type.ValueKind == JsonValueKind.String && type.GetString() == MediaTypes.OciIndex
                    : manifest.Descriptor.MediaType == MediaTypes.OciIndex)
                && root.TryGetProperty("manifests", out var entries) && entries.ValueKind == JsonValueKind.Array
                && entries.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object
                    && e.TryGetProperty("artifactType", out var artifactType) && artifactType.ValueKind == JsonValueKind.String
                    && artifactType.GetString() is { Length: > 0 });
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonObject Parse(byte[]? existing)
    {
        if (existing is null)
        {
            return new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = MediaTypes.OciIndex, ["manifests"] = new JsonArray() };
        }
        try
        {
            return JsonNode.Parse(existing) as JsonObject ?? throw new FormatException("not a JSON object");
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new ImportFailedException(FailureKind.InvalidInput, $"the referrers tag holds something that is not an index: {e.Message}", e);
        }
    }
}
