using System.Text.Json.Serialization;

namespace ImageWarmer.Core.Importing.Acr;

/// <summary>An ARM response body: an async operation's status, or an error.</summary>
public sealed record ArmResponse(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("error")] ArmError? Error);
