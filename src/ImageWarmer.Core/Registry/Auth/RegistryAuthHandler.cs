using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace ImageWarmer.Core.Registry.Auth;

/// <summary>
/// Answers registry auth challenges: 1. send; 2. on 401 read <c>WWW-Authenticate</c> (Basic, or Bearer
/// realm/service/scope); 3. get a token from the registry's <see cref="TokenSource"/>, cached per scope; 4. send once
/// more; a second 401 goes back to the caller (no loop). Later requests to the same host get their token before they
/// are sent, so a warm run pays the 401 round trip once per host and scope.
/// </summary>
public sealed class RegistryAuthHandler(TokenSources sources, TokenCache tokens, RegistryEndpoints endpoints) : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, AuthChallenge> _challenges = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var authority = request.RequestUri!.Authority;
        var source = sources.For(endpoints.NameOf(authority), request.RequestUri.Host);
        request.Options.Set(RegistryRequestOptions.Credential, source.DisplayName);
        var scope = RegistryScope.For(request);

        if (_challenges.TryGetValue(authority, out var known))
        {
            await AuthorizeAsync(request, known, scope is null ? [] : [scope], source, cancellationToken);
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var challenges = AuthChallenge.FromResponse(response);
        var challenge = challenges.FirstOrDefault(c => c.IsBearer) ?? challenges.FirstOrDefault(c => c.IsBasic);
        if (challenge is null || (challenge.IsBasic && source.BasicAuthorization is null))
        {
            return response;
        }
        var scopes = challenge.Scopes.Count > 0 ? challenge.Scopes : scope is null ? [] : [scope];
        if (request.Headers.Authorization is not null && challenge.IsBearer)
        {
            // The token we sent was refused (revoked, or the clock is off): fetch a new one, once.
            tokens.Invalidate(CacheKey(source, challenge, scopes));
        }
        _challenges[authority] = challenge with { Parameters = WithoutScope(challenge.Parameters) };
        await AuthorizeAsync(request, challenge, scopes, source, cancellationToken);
        response.Dispose();
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task AuthorizeAsync(
        HttpRequestMessage request, AuthChallenge challenge, IReadOnlyList<string> scopes, TokenSource source, CancellationToken cancellationToken)
    {
        if (challenge.IsBasic)
        {
            request.Headers.Authorization = source.BasicAuthorization;
            return;
        }
        var token = await tokens.GetAsync(CacheKey(source, challenge, scopes), () => source.FetchAsync(challenge, scopes, cancellationToken));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
    }

    // Tokens are cached by registry and credential identity, realm, service and scopes.
    private static string CacheKey(TokenSource source, AuthChallenge challenge, IReadOnlyList<string> scopes) =>
        $"{source.CacheIdentity}|{challenge.Realm}|{challenge.Service}|{string.Join(' ', scopes)}";

    // What is remembered of a host's challenge is its realm and service; the scope is each request's own.
    private static Dictionary<string, string> WithoutScope(IReadOnlyDictionary<string, string> parameters) =>
        parameters.Where(p => !p.Key.Equals("scope", StringComparison.OrdinalIgnoreCase)).ToDictionary(StringComparer.OrdinalIgnoreCase);
}
