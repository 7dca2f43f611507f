using System.Text.Json;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Core.Importing;

/// <summary>What a manifest points at: an index's platform manifests, or an image manifest's config and layers.
/// See https://github.com/opencontainers/image-spec/blob/main/image-index.md and manifest.md.</summary>
public sealed record ManifestReferences(IReadOnlyList<Descriptor> Manifests, IReadOnlyList<Descriptor> Blobs)
{
    /// <summary>Reads the descriptors out of <paramref name="manifest"/>.</summary>
    /// <exception cref="ImportFailedException">The manifest is not one ImageWarmer understands (<see cref="FailureKind.InvalidInput"/>).</exception>
    public static ManifestReferences Parse(ManifestContent manifest)
    {
        try
        {
            using var json = JsonDocument.Parse(manifest.Bytes);
            var root = json.RootElement;
            if (MediaTypes.IsIndex(manifest.Descriptor.MediaType) || root.TryGetProperty("manifests", out _))
            {
                return new([.. Descriptors(root, "manifests")], []);
            }
            var config = root.TryGetProperty("config", out var c) ? [Read(c)] : Array.Empty<Descriptor>();
            return new([], [.. config, .. Descriptors(root, "layers")]);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ImportFailedException(FailureKind.InvalidInput,
                $"manifest {manifest.Descriptor.Digest} ({manifest.Descriptor.MediaType}) could not be read: {e.Message}", e);
        }
    }

    private static IEnumerable<Descriptor> Descriptors(JsonElement root, string property) =>
        root.TryGetProperty(property, out var list) ? list.EnumerateArray().Select(Read) : [];

    private static Descriptor Read(JsonElement element) => new(
        element.GetProperty("mediaType").GetString()!,
        element.GetProperty("digest").GetString()!,
        element.GetProperty("size").GetInt64());
}
