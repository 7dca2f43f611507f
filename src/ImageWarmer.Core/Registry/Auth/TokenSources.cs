using System.Collections.Concurrent;
using Azure.Core;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Registry.Auth;

/// <summary>
/// Chooses each registry's <see cref="TokenSource"/> once: ACR hosts (<c>*.azurecr.io</c> and the sovereign suffixes)
/// exchange an Entra ID token; a registry with a configured username and password uses Docker's protocol with them;
/// every other registry is asked anonymously. Which realm a credential may answer is the <see cref="RealmPolicy"/>'s
/// to say: a challenge naming any other realm is answered anonymously.
/// </summary>
public sealed class TokenSources(HttpClient tokenHttp, TokenCredential azureCredential, TimeProvider time, IOptions<RegistryOptions> options, RealmPolicy realms)
{
    private readonly TokenEndpoint _endpoint = new(tokenHttp, time);
    private readonly ConcurrentDictionary<string, TokenSource> _sources = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, TokenSource> _anonymous = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The source for <paramref name="registry"/> (its name, e.g. <c>docker.io</c>), reached at <paramref name="host"/>.</summary>
    public TokenSource For(string registry, string host) => _sources.GetOrAdd(registry, _ => Create(registry, host));

    /// <summary>The source that answers <paramref name="challenge"/> for a request to <paramref name="authority"/>
    /// (<c>host[:port]</c>) of <paramref name="registry"/>: the registry's own <paramref name="source"/>, or the anonymous
    /// one when its credential must not go to the challenge's realm (<paramref name="refusal"/> says why).</summary>
    public TokenSource Answering(TokenSource source, string registry, string authority, AuthChallenge challenge, out string? refusal)
    {
        refusal = realms.Refusal(source, registry, authority, challenge);
        return refusal is null ? source : _anonymous.GetOrAdd(registry, r => new AnonymousTokenSource(_endpoint, r));
    }

    private TokenSource Create(string registry, string host)
    {
        if (options.Value.AzureRegistrySuffixes.Any(s => host.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
        {
            return new AcrExchangeTokenSource(_endpoint, azureCredential, registry);
        }
        return options.Value.CredentialFor(registry) is { } credential
            ? new DockerTokenSource(_endpoint, registry, credential.Username, credential.Password)
            : new AnonymousTokenSource(_endpoint, registry);
    }
}
