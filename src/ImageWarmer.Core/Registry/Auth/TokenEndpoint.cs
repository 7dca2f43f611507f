using System.Net.Http.Json;
using System.Text.Json.Serialization;
using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.Registry.Auth;

/// <summary>What the token protocols share: sending a token request, reading the token response, and deciding when a
/// token stops being used. See https://distribution.github.io/distribution/spec/auth/token/.</summary>
public sealed class TokenEndpoint(HttpClient http, TimeProvider time)
{
    /// <summary>The lifetime of a token whose response does not say (the token spec's default).</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);

    /// <summary>The clock tokens expire by.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>Sends <paramref name="request"/> and reads the token response.</summary>
    public async Task<TokenResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await RegistryRequestException.FromResponseAsync(response, cancellationToken);
        }
        return await response.Content.ReadFromJsonAsync(TokenJson.Default.TokenResponse, cancellationToken)
            ?? throw new ImageWarmerException(FailureKind.InvalidInput, $"{request.RequestUri} answered with an empty body");
    }

    /// <summary>A token valid for <paramref name="lifetime"/> from now, or until its JWT <c>exp</c> when it has one.</summary>
    public RegistryToken Token(string value, TimeSpan lifetime, bool readJwtExpiry = false)
    {
        var now = Time.GetUtcNow();
        if (readJwtExpiry && JwtExpiry.TryRead(value) is { } exp)
        {
            lifetime = exp - now;
        }
        // Stop using a token a little early: a tenth of its life, at most 30 seconds.
        return new RegistryToken(value, now + lifetime - TimeSpan.FromSeconds(Math.Min(30, Math.Max(0, lifetime.TotalSeconds) / 10)));
    }

    /// <summary>The token response of both protocols.</summary>
    public sealed record TokenResponse(
        [property: JsonPropertyName("token")] string? Token,
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn);
}
