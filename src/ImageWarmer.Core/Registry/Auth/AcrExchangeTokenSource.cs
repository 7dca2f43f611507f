using Azure.Core;
using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.Registry.Auth;

/// <summary>
/// ACR's Entra ID protocol: 1. an Entra ID token for the registry audience; 2. <c>POST /oauth2/exchange</c> → a refresh
/// token (cached per registry); 3. <c>POST /oauth2/token</c> with the refresh token and the scopes → an access token.
/// See https://github.com/Azure/acr/blob/main/docs/AAD-OAuth.md.
/// </summary>
public sealed class AcrExchangeTokenSource(TokenEndpoint endpoint, TokenCredential credential, string registry) : TokenSource
{
    /// <summary>The Entra ID scope ACR accepts in the exchange.</summary>
    public const string AzureContainerRegistryScope = "https://containerregistry.azure.net/.default";

    /// <summary>The name requests go out as.</summary>
    public const string EntraId = "entra-id";

    private readonly TokenCache _refreshTokens = new(endpoint.Time);

    /// <inheritdoc/>
    public override string DisplayName => EntraId;

    /// <inheritdoc/>
    public override string CacheIdentity { get; } = $"{registry}|{EntraId}";

    /// <inheritdoc/>
    public override bool CarriesCredential => true;

    /// <inheritdoc/>
    public override bool RealmMustBeRegistryHost => true;

    /// <inheritdoc/>
    public override async Task<RegistryToken> FetchAsync(AuthChallenge challenge, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var realm = challenge.TryGetRealmUri(out var uri) ? uri
            : throw new ImageWarmerException(FailureKind.Refused, $"the registry's Bearer challenge names no http(s) realm ('{challenge.Realm}')");
        var service = challenge.Service ?? realm.Host;
        var refresh = await RefreshTokenAsync(realm, service, cancellationToken);
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("service", service),
            new("refresh_token", refresh.Value),
        };
        form.AddRange(scopes.Select(s => KeyValuePair.Create("scope", s)));
        using var request = new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
        var body = await endpoint.SendAsync(request, cancellationToken);
        var value = body.AccessToken ?? throw new ImageWarmerException(FailureKind.InvalidInput, $"{realm} answered without an access_token");
        return endpoint.Token(value, TimeSpan.FromMinutes(5), readJwtExpiry: true);
    }

    // The refresh token is kept per realm and service (one exchange each), so one registry's never goes to another.
    private Task<RegistryToken> RefreshTokenAsync(Uri realm, string service, CancellationToken cancellationToken) =>
        _refreshTokens.GetAsync($"{realm.Authority}|{service}", () => ExchangeAsync(realm, service, cancellationToken));

    private async Task<RegistryToken> ExchangeAsync(Uri realm, string service, CancellationToken cancellationToken)
    {
        var entra = await credential.GetTokenAsync(new TokenRequestContext([AzureContainerRegistryScope]), cancellationToken);
        var exchange = new UriBuilder(realm) { Path = "/oauth2/exchange", Query = "" }.Uri;
        using var request = new HttpRequestMessage(HttpMethod.Post, exchange)
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "access_token"),
                new("service", service),
                new("access_token", entra.Token),
            ]),
        };
        var body = await endpoint.SendAsync(request, cancellationToken);
        var value = body.RefreshToken ?? throw new ImageWarmerException(FailureKind.InvalidInput, $"{exchange} answered without a refresh_token");
        return endpoint.Token(value, entra.ExpiresOn - endpoint.Time.GetUtcNow(), readJwtExpiry: true);
    }
}
