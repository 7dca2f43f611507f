using System.Net.Http.Headers;

namespace ImageWarmer.Core.Registry.Auth;

/// <summary>
/// How one registry's challenges are answered: a protocol (anonymous, Docker's token endpoint with a username and
/// access token, ACR's Entra ID exchange), chosen per registry once by <see cref="TokenSources"/>. Subclasses override
/// the one step that differs, as the Azure SDK's challenge policies do.
/// </summary>
public abstract class TokenSource
{
    /// <summary>Who requests go out as, for people and for rate-limit budgets: <c>anonymous</c>, a username, <c>entra-id</c>.</summary>
    public abstract string DisplayName { get; }

    /// <summary>What tokens are cached under: the registry and the credential's identity (a hash of the secret, never the secret).</summary>
    public abstract string CacheIdentity { get; }

    /// <summary>Whether this source sends something secret (a password, an Entra ID token) to the token realm: then
    /// <see cref="RealmPolicy"/> decides which realms it may answer.</summary>
    public virtual bool CarriesCredential => false;

    /// <summary>Whether the realm must be the registry's own host (ACR's exchange), with no other known realm.</summary>
    public virtual bool RealmMustBeRegistryHost => false;

    /// <summary>The <c>Authorization</c> a Basic challenge gets, or null when this source has no username and password.</summary>
    public virtual AuthenticationHeaderValue? BasicAuthorization => null;

    /// <summary>Fetches a bearer token for <paramref name="scopes"/> from the challenge's realm.</summary>
    public abstract Task<RegistryToken> FetchAsync(AuthChallenge challenge, IReadOnlyList<string> scopes, CancellationToken cancellationToken);
}
