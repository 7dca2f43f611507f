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
            return payload.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
