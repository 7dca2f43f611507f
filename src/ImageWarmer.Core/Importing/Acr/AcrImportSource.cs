using System.Text.Json.Serialization;

namespace ImageWarmer.Core.Importing.Acr;

/// <summary>Where ACR imports from: a registry by its login server (<c>registryUri</c>), or an Azure registry by its resource
/// id (<c>resourceId</c>: the target itself, to keep an image under another tag). <c>sourceImage</c> is
/// <c>repository:tag</c> or <c>repository@digest</c>.</summary>
public sealed record AcrImportSource(
    [property: JsonPropertyName("registryUri"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RegistryUri,
    [property: JsonPropertyName("sourceImage")] string SourceImage,
    [property: JsonPropertyName("credentials"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AcrImportCredentials? Credentials,
    [property: JsonPropertyName("resourceId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResourceId = null);
