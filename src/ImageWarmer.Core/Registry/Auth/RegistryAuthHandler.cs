using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace ImageWarmer.Core.Registry.Auth;

/// <summary>
/// Answers registry auth challenges: 1. send; 2. on 401 read <c>WWW-Authenticate</c> (Basic, or Bearer
/// realm/service/scope); 3. get a token from the registry's <see cref="TokenSource"/> (or anonymously, when the
/// <see cref="RealmPolicy"/> keeps the credential from that realm), cached per scope; 4. send once more; a second 401
/// goes back to the caller (no loop). Later requests to the same host get their token before they are sent, so a warm
/// run pays the 401 round trip once per host and scope. A challenge belongs to the host that sent it: a request to a
/// redirect target, and a 401 from any host but the request's own, get nothing from here.
/// </summary>
public sealed class RegistryAuthHandler(TokenSources sources, TokenCache tokens, RegistryEndpoints endpoints) : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, AuthChallenge> _challenges = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(RegistryRequestOptions.RedirectedFrom, out _))
        {
            // A CDN or storage host a registry redirected to is not the registry: no token goes there, and its
            // challenge is not answered with the registry's credentials.
            return await base.SendAsync(request, cancellationToken);
        }
        var authority = request.RequestUri!.Authority;
        var name = endpoints.NameOf(authority);
        var registry = new Asked(name, authority, sources.For(name, request.RequestUri.Host));
        request.Options.Set(RegistryRequestOptions.Credential, registry.Source.DisplayName);
        var scope = RegistryScope.For(request);

        if (_challenges.TryGetValue(authority, out var known))
        {
            await AuthorizeAsync(request, registry, known, scope is null ? [] : [scope], refused: false, cancellationToken);
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !CameFrom(response, authority))
        {
            return response;
        }

        var challenges = AuthChallenge.FromResponse(response);
        var challenge = challenges.FirstOrDefault(c => c.IsBearer) ?? challenges.FirstOrDefault(c => c.IsBasic);
        if (challenge is null || (challenge.IsBasic && registry.Source.BasicAuthorization is null))
        {
            return response;
        }
        var scopes = challenge.Scopes.Count > 0 ? challenge.Scopes : scope is null ? [] : [scope];
        // A token we sent was refused (revoked, or the clock is off): fetch a new one, once.
        var refused = request.Headers.Authorization is not null && challenge.IsBearer;
        _challenges[authority] = challenge with { Parameters = WithoutScope(challenge.Parameters) };
        await AuthorizeAsync(request, registry, challenge, scopes, refused, cancellationToken);
        response.Dispose();
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task AuthorizeAsync(
        HttpRequestMessage request, Asked registry, AuthChallenge challenge, IReadOnlyList<string> scopes, bool refused, CancellationToken cancellationToken)
    {
        if (challenge.IsBasic)
        {
            // Basic goes to the host that challenged, which is the registry's own (see CameFrom).
            request.Headers.Authorization = registry.Source.BasicAuthorization;
            return;
        }
        var source = sources.Answering(registry.Source, registry.Name, registry.Authority, challenge, out var refusal);
        if (refusal is not null)
        {
            request.Options.Set(RegistryRequestOptions.Credential, source.DisplayName);
            request.Options.Set(RegistryRequestOptions.CredentialWithheld, $"{registry.Source.DisplayName}'s credential for {registry.Name} was not sent: {refusal}");
        }
        var key = CacheKey(source, challenge, scopes);
        if (refused)
        {
            tokens.Invalidate(key);
        }
        var token = await tokens.GetAsync(key, () => source.FetchAsync(challenge, scopes, cancellationToken));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
    }

    // Whether the response is the requested host's own: one that reached another host (a redirect followed below this
    // handler) carries that host's challenge, which is not the registry's.
    private static bool CameFrom(HttpResponseMessage response, string authority) =>
        response.RequestMessage?.RequestUri is not { } answered || answered.Authority.Equals(authority, StringComparison.OrdinalIgnoreCase);

    // Tokens are cached by registry and credential identity, realm, service and scopes.
    private static string CacheKey(TokenSource source, AuthChallenge challenge, IReadOnlyList<string> scopes) =>
        $"{source.CacheIdentity}|{challenge.Realm}|{challenge.Service}|{string.Join(' ', scopes)}";

    // What is remembered of a host's challenge is its realm and service; the scope is each request's own.
    private static Dictionary<string, string> WithoutScope(IReadOnlyDictionary<string, string> parameters) =>
        parameters.Where(p => !p.Key.Equals("scope", StringComparison.OrdinalIgnoreCase)).ToDictionary(StringComparer.OrdinalIgnoreCase);

    // The registry a request was sent to: its name, the host and port it was reached at, and its token source.
    private sealed record Asked(string Name, string Authority, TokenSource Source);
}
