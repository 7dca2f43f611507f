using System.Text.Json.Serialization;

namespace ImageWarmer.Core.Importing.Acr;

/// <summary>Credentials ACR uses against the source registry (e.g. a Docker Hub user and access token).</summary>
public sealed record AcrImportCredentials(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("password")] string Password);
