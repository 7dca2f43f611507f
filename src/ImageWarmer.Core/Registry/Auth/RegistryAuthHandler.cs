using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Registry.Auth;

/// <summary>
/// Answers registry auth challenges: 1. send; 2. on 401 read <c>WWW-Authenticate</c> (Basic, or Bearer
/// realm/service/scope); 3. get a token (anonymous, username and password, or Entra ID for ACR), cached per scope;
/// 4. send once more; a second 401 goes back to the caller (no loop). Later requests to the same host get their
/// token before they are sent, so a warm run pays the 401 round trip once per host and scope.
/// </summary>
public sealed class RegistryAuthHandler(RegistryTokenService tokens, RegistryEndpoints endpoints, IOptions<RegistryOptions> options)
    : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, AuthChallenge> _challenges = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var authority = request.RequestUri!.Authority;
        var credential = options.Value.CredentialFor(endpoints.NameOf(authority));
        var useAzure = options.Value.AzureRegistrySuffixes.Any(s => request.RequestUri.Host.EndsWith(s, StringComparison.OrdinalIgnoreCase));
        request.Options.Set(RegistryRequestOptions.Credential,
            useAzure ? "entra-id" : credential?.Username ?? RegistryRequestOptions.Anonymous);
        var scope = RegistryScope.For(request);

        if (_challenges.TryGetValue(authority, out var known))
        {
            await AuthorizeAsync(request, known, scope is null ? [] : [scope], credential, useAzure, cancellationToken);
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var challenges = AuthChallenge.FromResponse(response);
        var challenge = challenges.FirstOrDefault(c => c.IsBearer) ?? challenges.FirstOrDefault(c => c.IsBasic);
        if (challenge is null || (challenge.IsBasic && credential?.Username is null))
        {
            return response;
        }
        var scopes = challenge.Scopes.Count > 0 ? challenge.Scopes : scope is null ? [] : [scope];
        if (request.Headers.Authorization is not null && challenge.IsBearer)
        {
            // The token we sent was refused (revoked, or the clock is off): fetch a new one, once.
            tokens.Invalidate(challenge, scopes, credential, useAzure);
        }
        _challenges[authority] = challenge with { Parameters = WithoutScope(challenge.Parameters) };
        await AuthorizeAsync(request, challenge, scopes, credential, useAzure, cancellationToken);
        response.Dispose();
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task AuthorizeAsync(
        HttpRequestMessage request, AuthChallenge challenge, IReadOnlyList<string> scopes, RegistryCredentialOptions? credential, bool useAzure,
        CancellationToken cancellationToken)
    {
        if (challenge.IsBasic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential?.Username}:{credential?.Password}")));
            return;
        }
        var token = await tokens.GetTokenAsync(challenge, scopes, credential, useAzure, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
    }

    // What is remembered of a host's challenge is its realm and service; the scope is each request's own.
    private static Dictionary<string, string> WithoutScope(IReadOnlyDictionary<string, string> parameters) =>
        parameters.Where(p => !p.Key.Equals("scope", StringComparison.OrdinalIgnoreCase)).ToDictionary(StringComparer.OrdinalIgnoreCase);
}
