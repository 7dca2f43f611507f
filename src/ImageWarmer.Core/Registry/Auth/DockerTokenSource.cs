using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.Registry.Auth;

/// <summary>
/// Docker's token protocol: <c>GET realm?service=…&amp;scope=…</c>, with Basic auth when the registry has a username
/// and access token (<see cref="AnonymousTokenSource"/> sends none). Tokens without <c>expires_in</c> live 60 seconds.
/// </summary>
public class DockerTokenSource(TokenEndpoint endpoint, string registry, string? username, string? password) : TokenSource
{
    /// <inheritdoc/>
    public override string DisplayName => username ?? RegistryRequestOptions.Anonymous;

    /// <inheritdoc/>
    public override string CacheIdentity { get; } =
        $"{registry}|{username ?? RegistryRequestOptions.Anonymous}|{(username is null ? "" : SecretHash(username, password))}";

    /// <inheritdoc/>
    public override bool CarriesCredential => username is not null;

    /// <inheritdoc/>
    public override AuthenticationHeaderValue? BasicAuthorization => username is null ? null
        : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));

    /// <inheritdoc/>
    public override async Task<RegistryToken> FetchAsync(AuthChallenge challenge, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var realm = challenge.TryGetRealmUri(out _) ? challenge.Realm!
            : throw new ImageWarmerException(FailureKind.Refused, $"the registry's Bearer challenge names no http(s) realm ('{challenge.Realm}')");
        var query = new List<string>();
        if (challenge.Service is { } service)
        {
            query.Add("service=" + Uri.EscapeDataString(service));
        }
        query.AddRange(scopes.Select(s => "scope=" + Uri.EscapeDataString(s)));
        var uri = realm + (query.Count == 0 ? "" : (realm.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join('&', query));
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = BasicAuthorization;
        var body = await endpoint.SendAsync(request, cancellationToken);
        var value = body.Token ?? body.AccessToken
            ?? throw new ImageWarmerException(FailureKind.InvalidInput, $"token endpoint {realm} answered without a token");
        return endpoint.Token(value, body.ExpiresIn is > 0 ? TimeSpan.FromSeconds(body.ExpiresIn.Value) : TokenEndpoint.DefaultLifetime);
    }

    // Two credentials with one username but different secrets must not share tokens; the secret itself never
    // becomes part of a key that might be logged.
    private static string SecretHash(string username, string? password) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{username}\n{password}")))[..16];
}
