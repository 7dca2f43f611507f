using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using Azure.Core;

namespace ImageWarmer.Core.Registry.Auth;

/// <summary>
/// Fetches and caches bearer tokens, one per realm, service, scopes and credential, until shortly before they expire.
/// Two protocols: Docker's token endpoint (anonymous, or Basic with a username and access token), and ACR's Entra ID
/// exchange. See https://distribution.github.io/distribution/spec/auth/token/ and
/// https://github.com/Azure/acr/blob/main/docs/AAD-OAuth.md.
/// </summary>
public sealed class RegistryTokenService(HttpClient http, TokenCredential azureCredential, TimeProvider time)
{
    /// <summary>The Entra ID scope ACR accepts in the exchange.</summary>
    public const string AzureContainerRegistryScope = "https://containerregistry.azure.net/.default";

    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<string, Lazy<Task<RegistryToken>>> _cache = new(StringComparer.Ordinal);

    /// <summary>A token for <paramref name="scopes"/> from the challenge's realm.</summary>
    /// <param name="challenge">The Bearer challenge (realm and service).</param>
    /// <param name="scopes">The scopes the request needs.</param>
    /// <param name="credential">Username and password, or null for anonymous.</param>
    /// <param name="useAzure">Exchange an Entra ID token (ACR) instead of using <paramref name="credential"/>.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    public Task<RegistryToken> GetTokenAsync(
        AuthChallenge challenge, IReadOnlyList<string> scopes, RegistryCredentialOptions? credential, bool useAzure, CancellationToken cancellationToken = default)
    {
        var realm = challenge.Realm ?? throw new RegistryRequestException(System.Net.HttpStatusCode.Unauthorized, [], "Bearer challenge without a realm");
        var who = useAzure ? "entra-id" : credential?.Username ?? RegistryRequestOptions.Anonymous;
        var key = $"{realm}|{challenge.Service}|{string.Join(' ', scopes)}|{who}";
        return CachedAsync(key, () => useAzure
            ? FetchAzureAccessTokenAsync(realm, challenge.Service, scopes, cancellationToken)
            : FetchDockerTokenAsync(realm, challenge.Service, scopes, credential, cancellationToken));
    }

    /// <summary>Forgets a token the registry refused, so the next request fetches a new one.</summary>
    public void Invalidate(AuthChallenge challenge, IReadOnlyList<string> scopes, RegistryCredentialOptions? credential, bool useAzure)
    {
        var who = useAzure ? "entra-id" : credential?.Username ?? RegistryRequestOptions.Anonymous;
        _cache.TryRemove($"{challenge.Realm}|{challenge.Service}|{string.Join(' ', scopes)}|{who}", out _);
    }

    // One fetch per key at a time; an expired or failed entry is replaced on the next call.
    private async Task<RegistryToken> CachedAsync(string key, Func<Task<RegistryToken>> fetch)
    {
        for (var attempt = 0; ; attempt++)
        {
            var entry = _cache.GetOrAdd(key, _ => new Lazy<Task<RegistryToken>>(fetch));
            RegistryToken token;
            try
            {
                token = await entry.Value;
            }
            catch
            {
                _cache.TryRemove(KeyValuePair.Create(key, entry));
                throw;
            }
            if (token.IsValidAt(time.GetUtcNow()) || attempt > 0)
            {
                return token;
            }
            _cache.TryRemove(KeyValuePair.Create(key, entry));
        }
    }

    // Docker's token endpoint: GET realm?service=…&scope=…&scope=…, Basic auth when there is a credential.
    private async Task<RegistryToken> FetchDockerTokenAsync(
        string realm, string? service, IReadOnlyList<string> scopes, RegistryCredentialOptions? credential, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (service is not null)
        {
            query.Add("service=" + Uri.EscapeDataString(service));
        }
        query.AddRange(scopes.Select(s => "scope=" + Uri.EscapeDataString(s)));
        var uri = realm + (query.Count == 0 ? "" : (realm.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join('&', query));
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (credential?.Username is { } username)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{credential.Password}")));
        }
        var body = await SendAsync<TokenResponse>(request, cancellationToken);
        var value = body.Token ?? body.AccessToken
            ?? throw new RegistryRequestException(System.Net.HttpStatusCode.OK, [], $"token endpoint {realm} answered without a token");
        var lifetime = body.ExpiresIn is > 0 ? TimeSpan.FromSeconds(body.ExpiresIn.Value) : DefaultLifetime;
        return new RegistryToken(value, Expiry(time.GetUtcNow(), lifetime));
    }

    // ACR: 1. Entra ID token for the registry audience; 2. POST /oauth2/exchange -> refresh token (cached);
    // 3. POST /oauth2/token with the refresh token and the scopes -> access token.
    private async Task<RegistryToken> FetchAzureAccessTokenAsync(string realm, string? service, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var realmUri = new Uri(realm);
        var refresh = await CachedAsync($"refresh|{realmUri.Authority}|{service}", () => FetchAzureRefreshTokenAsync(realmUri, service, cancellationToken));
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("service", service ?? realmUri.Host),
            new("refresh_token", refresh.Value),
        };
        form.AddRange(scopes.Select(s => KeyValuePair.Create("scope", s)));
        using var request = new HttpRequestMessage(HttpMethod.Post, realmUri) { Content = new FormUrlEncodedContent(form) };
        var body = await SendAsync<TokenResponse>(request, cancellationToken);
        var value = body.AccessToken ?? throw new RegistryRequestException(System.Net.HttpStatusCode.OK, [], $"{realm} answered without an access_token");
        return FromJwt(value, TimeSpan.FromMinutes(5));
    }

    private async Task<RegistryToken> FetchAzureRefreshTokenAsync(Uri realm, string? service, CancellationToken cancellationToken)
    {
        var entra = await azureCredential.GetTokenAsync(new TokenRequestContext([AzureContainerRegistryScope]), cancellationToken);
        var exchange = new UriBuilder(realm) { Path = "/oauth2/exchange", Query = "" }.Uri;
        using var request = new HttpRequestMessage(HttpMethod.Post, exchange)
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "access_token"),
                new("service", service ?? realm.Host),
                new("access_token", entra.Token),
            ]),
        };
        var body = await SendAsync<TokenResponse>(request, cancellationToken);
        var value = body.RefreshToken ?? throw new RegistryRequestException(System.Net.HttpStatusCode.OK, [], $"{exchange} answered without a refresh_token");
        return FromJwt(value, entra.ExpiresOn - time.GetUtcNow());
    }

    private RegistryToken FromJwt(string value, TimeSpan fallbackLifetime)
    {
        var now = time.GetUtcNow();
        var lifetime = JwtExpiry.TryRead(value) is { } exp ? exp - now : fallbackLifetime;
        return new RegistryToken(value, Expiry(now, lifetime));
    }

    // Stop using a token a little early: a tenth of its life, at most 30 seconds.
    private static DateTimeOffset Expiry(DateTimeOffset now, TimeSpan lifetime) =>
        now + lifetime - TimeSpan.FromSeconds(Math.Min(30, Math.Max(0, lifetime.TotalSeconds) / 10));

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await RegistryRequestException.FromResponseAsync(response, cancellationToken);
        }
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw new RegistryRequestException(response.StatusCode, [], $"{request.RequestUri} answered with an empty body");
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("token")] string? Token,
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn);
}
