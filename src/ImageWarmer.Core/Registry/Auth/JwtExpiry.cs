using System.Buffers.Text;
using System.Text.Json;

namespace ImageWarmer.Core.Registry.Auth;

/// <summary>Reads the <c>exp</c> claim of a JWT without validating it: only to know when to fetch a new token.</summary>
internal static class JwtExpiry
{
    public static DateTimeOffset? TryRead(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }
        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            // An exp outside what a date can hold is as good as none (it would throw, not expire).
            return payload.RootElement.ValueKind == JsonValueKind.Object && payload.RootElement.TryGetProperty("exp", out var exp)
                && exp.ValueKind == JsonValueKind.Number && exp.TryGetInt64(out var seconds)
                && seconds >= 0 && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds() - 1
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
