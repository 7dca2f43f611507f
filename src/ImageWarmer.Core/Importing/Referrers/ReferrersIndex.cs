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
