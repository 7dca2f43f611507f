using System.Text.Json.Serialization;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Core.Importing.Acr;

/// <summary>Where ACR imports from: a registry by its login server (<c>registryUri</c>, with credentials when
/// configured), or another Azure Container Registry by its ARM id (<c>resourceId</c>, authorised by the importing
/// identity's rights on it, as <c>az acr import</c> does; the target's own id keeps an image under a backup tag). <c>sourceImage</c> is <c>repository:tag</c> or
/// <c>repository@digest</c>.</summary>
public sealed record AcrImportSource(
    [property: JsonPropertyName("registryUri"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RegistryUri,
    [property: JsonPropertyName("sourceImage")] string SourceImage,
    [property: JsonPropertyName("credentials"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AcrImportCredentials? Credentials,
    [property: JsonPropertyName("resourceId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResourceId = null)
{
    /// <summary>The source of <paramref name="image"/> named as <paramref name="sourceImage"/>: by credentials when
    /// <paramref name="registry"/> has some for it (a password alone will do), else by resource id when it is an
    /// Azure Container Registry listed in <see cref="AcrImportOptions.SourceRegistryResourceIds"/>, else anonymous.</summary>
    public static AcrImportSource For(ImageReference image, string sourceImage, RegistryOptions registry, AcrImportOptions import)
    {
        var credential = registry.Credentials.FirstOrDefault(c =>
            string.Equals(c.Registry, image.Registry, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(c.Password));
        if (credential is not null)
        {
            return new AcrImportSource(image.Registry, sourceImage,
                new AcrImportCredentials(string.IsNullOrEmpty(credential.Username) ? null : credential.Username, credential.Password!));
        }
        return ResourceIdOf(image.Registry, registry, import) is { } resourceId
            ? new AcrImportSource(null, sourceImage, null, resourceId)
            : new AcrImportSource(image.Registry, sourceImage, null);
    }

    // myacr.azurecr.io is the registry whose ARM id ends in /registries/myacr.
    private static string? ResourceIdOf(string host, RegistryOptions registry, AcrImportOptions import)
    {
        var suffix = registry.AzureRegistrySuffixes.FirstOrDefault(s => host.EndsWith(s, StringComparison.OrdinalIgnoreCase));
        if (suffix is null)
        {
            return null;
        }
        var name = host[..^suffix.Length];
        return import.SourceRegistryResourceIds.FirstOrDefault(id =>
            id.TrimEnd('/').EndsWith($"/providers/Microsoft.ContainerRegistry/registries/{name}", StringComparison.OrdinalIgnoreCase));
    }
}
