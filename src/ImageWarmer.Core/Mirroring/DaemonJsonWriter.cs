using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Core.Mirroring;

/// <summary>
/// Docker Engine's <c>daemon.json</c> <c>registry-mirrors</c>: Docker Hub only, a URL with its scheme, taken as an API
/// root (so no prefix), always falling back to Docker Hub (so never strict). A plain-HTTP mirror off loopback is listed
/// in <c>insecure-registries</c> too. An existing file keeps everything else it says, and mirrors it already had come
/// after the target. See moby <c>daemon/pkg/registry/config.go</c> and Docker's "Mirror the Docker Hub library".
/// </summary>
public sealed class DaemonJsonWriter : IMirrorConfigWriter
{
    /// <summary>The format's name.</summary>
    public const string Name = "daemon.json";

    private const string Mirrors = "registry-mirrors";
    private const string InsecureRegistries = "insecure-registries";

    /// <inheritdoc/>
    public string Format => Name;

    /// <inheritdoc/>
    public bool WritesFolder => false;

    /// <inheritdoc/>
    public bool CanMirror(string source) => source == ImageReference.DockerHub;

    /// <inheritdoc/>
    public IReadOnlyList<MirrorFile> Write(MirrorSet mirrors, Func<string, string?> current)
    {
        var route = mirrors.Routes.SingleOrDefault(r => r.Source == ImageReference.DockerHub)
            ?? throw new ConfigurationException($"{Name} mirrors Docker Hub only, and docker.io is not among the registries to mirror");
        if (mirrors.Strict)
        {
            throw new ConfigurationException($"{Name} cannot be strict: Docker Engine always falls back to Docker Hub after its mirrors (use registries.conf or hosts.toml for a build that must never reach it)");
        }
        if (route.Prefix is not null)
        {
            throw new ConfigurationException($"{Name} cannot mirror under a path: Docker Engine takes a mirror as an API root, so {route.MirrorLocation}/library/… cannot be asked for (warm without a target prefix, or use buildkitd.toml)");
        }
        if (route.UpstreamMoved)
        {
            throw new ConfigurationException($"{Name} cannot send docker.io to {route.Upstream.Authority} (the endpoint ImageWarmer reaches it at): Docker Engine falls back to Docker Hub itself")
            {
                Input = UserInput.SourceEndpoint,
            };
        }
        var root = Existing(current(Name));
        var mirror = route.Mirror.GetLeftPart(UriPartial.Authority);
        root[Mirrors] = Merged(root[Mirrors], mirror, Mirrors);
        if (route.MirrorPlainHttp && !RegistryEndpoints.IsLoopback(route.Mirror.Authority))
        {
            root[InsecureRegistries] = Merged(root[InsecureRegistries], route.Mirror.Authority, InsecureRegistries);
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            root.WriteTo(writer);
        }
        return [new MirrorFile(Name, Encoding.UTF8.GetString(buffer.ToArray()) + "\n")];
    }

    private static JsonObject Existing(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new ConfigurationException($"the existing {Name} is not a JSON object; nothing written");
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"the existing {Name} is not JSON ({e.Message}); nothing written", e);
        }
    }

    // The target first; whatever the list already held after it, once each.
    private static JsonArray Merged(JsonNode? existing, string first, string key)
    {
        if (existing is not (null or JsonArray))
        {
            throw new ConfigurationException($"the existing {Name}'s \"{key}\" is not a list; nothing written");
        }
        var others = (existing as JsonArray ?? []).Select(n => n?.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : null)
            .OfType<string>().Where(v => !v.TrimEnd('/').Equals(first, StringComparison.OrdinalIgnoreCase));
        return [.. new[] { first }.Concat(others).Select(v => (JsonNode?)JsonValue.Create(v))];
    }
}
