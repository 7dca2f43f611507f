using System.Text.Json.Serialization;

namespace ImageWarmer.Core.Importing.Acr;

/// <summary>Where ACR imports from. <c>sourceImage</c> is <c>repository:tag</c> or <c>repository@digest</c>.</summary>
public sealed record AcrImportSource(
    [property: JsonPropertyName("registryUri")] string RegistryUri,
    [property: JsonPropertyName("sourceImage")] string SourceImage,
    [property: JsonPropertyName("credentials"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AcrImportCredentials? Credentials);
