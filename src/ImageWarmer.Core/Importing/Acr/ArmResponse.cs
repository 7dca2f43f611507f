using System.Text.Json.Serialization;

namespace ImageWarmer.Core.Importing.Acr;

/// <summary>An ARM response body: an async operation's status (<c>{"status","error"?}</c>), an error in ARM's wrapper
/// (<c>{"error":{"code","message"}}</c>), or an error without it (<c>{"code","message"}</c>, as some gateways answer).</summary>
public sealed record ArmResponse(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("error")] ArmError? Error,
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message)
{
    /// <summary>The error the body carries, wrapped or not.</summary>
    public ArmError? AnyError => Error ?? (Code is null && Message is null ? null : new ArmError(Code, Message));
}
