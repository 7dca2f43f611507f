using System.Text.Json.Serialization;

namespace ImageWarmer.Core.Importing.Acr;

/// <summary>Credentials ACR uses against the source registry (e.g. a Docker Hub user and access token). ARM requires
/// the password only: a token that needs no username is sent without one.</summary>
public sealed record AcrImportCredentials(
    [property: JsonPropertyName("username"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Username,
    [property: JsonPropertyName("password")] string Password);
