using System.Text.Json;
using System.Text.Json.Serialization;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Streams;

namespace ImageWarmer.Core.Registry.Auth;

/// <summary>What the token protocols share: sending a token request, reading the token response, and deciding when a
/// token stops being used. See https://distribution.github.io/distribution/spec/auth/token/.</summary>
public sealed class TokenEndpoint(HttpClient http, TimeProvider time)
{
    /// <summary>The lifetime of a token whose response does not say (the token spec's default).</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);

    /// <summary>Most bytes of a token response read (a token is a few KiB; Docker Hub's are under 4).</summary>
    public const int MaxResponseBytes = 256 * 1024;

    /// <summary>The clock tokens expire by.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>Sends <paramref name="request"/> and reads the token response (at most <see cref="MaxResponseBytes"/>).</summary>
    public async Task<TokenResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await RegistryRequestException.FromResponseAsync(response, cancellationToken);
        }
        var endpoint = request.RequestUri?.GetLeftPart(UriPartial.Path);
        byte[] body;
        try
        {
            body = await BoundedContent.ReadAsync(response.Content, MaxResponseBytes, cancellationToken);
        }
        catch (ImageWarmerException e) when (e.Kind == FailureKind.InvalidInput)
        {
            throw new ImageWarmerException(FailureKind.InvalidInput, $"token endpoint {endpoint} answered with more than {MaxResponseBytes:N0} bytes", e);
        }
        try
        {
            return JsonSerializer.Deserialize(body, TokenJson.Default.TokenResponse)
                ?? throw new ImageWarmerException(FailureKind.InvalidInput, $"token endpoint {endpoint} answered with an empty body");
        }
        catch (JsonException e)
        {
            throw new ImageWarmerException(FailureKind.InvalidInput, $"token endpoint {endpoint} answered with something that is not a token response: {e.Message}", e);
        }
    }

    /// <summary>A token valid for <paramref name="lifetime"/> from now, or until its JWT <c>exp</c> when it has one.</summary>
    /// <exception cref="ImageWarmerException">The token is not printable ASCII: it could not go into a header as it is.</exception>
    public RegistryToken Token(string value, TimeSpan lifetime, bool readJwtExpiry = false)
    {
        if (value.Length == 0 || value.Any(c => c is < '!' or > '~'))
        {
            throw new ImageWarmerException(FailureKind.InvalidInput, "the token endpoint answered with a token that is empty or not printable ASCII");
        }
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
