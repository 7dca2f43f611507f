using System.Collections.Concurrent;
using ImageWarmer.Core.References;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Registry.Auth;

/// <summary>
/// Where a registry's credential may go: the token realm a <c>WWW-Authenticate</c> challenge names is the registry's
/// word, and a hostile registry could name any host. A credential is sent only to a realm known for its registry: the
/// registry's own host (ACR's realm is the registry itself), <c>auth.docker.io</c> for <c>docker.io</c>, or the
/// credential's configured <see cref="RegistryCredentialOptions.Realm"/>; and only over HTTPS, unless the realm is on
/// loopback or its host is listed as insecure. ACR's Entra ID exchange goes to the registry's own host only. A host is
/// a host and port. Any other realm is answered anonymously; the refusal is logged once per registry and realm host.
/// </summary>
public sealed class RealmPolicy(IOptions<RegistryOptions> options, ILogger<RealmPolicy> logger)
{
    /// <summary>Docker Hub's token service, the one realm built in for <c>docker.io</c>.</summary>
    public const string DockerHubRealm = "auth.docker.io";

    private readonly ConcurrentDictionary<string, bool> _logged = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Why <paramref name="source"/>'s credential must not go to the realm of <paramref name="challenge"/>,
    /// answering a request to <paramref name="authority"/> (<c>host[:port]</c>) of <paramref name="registry"/>; null
    /// when it may (always, for a source that carries no credential).</summary>
    public string? Refusal(TokenSource source, string registry, string authority, AuthChallenge challenge)
    {
        if (!source.CarriesCredential)
        {
            return null;
        }
        if (!challenge.TryGetRealmUri(out var realm))
        {
            return $"the challenge's realm '{Shorten(challenge.Realm)}' is not an http(s) URL";
        }
        var refusal = Check(source, registry, authority, realm);
        if (refusal is not null && _logged.TryAdd($"{registry}|{realm.Authority}", true))
        {
            Log.CredentialWithheld(logger, source.DisplayName, registry, realm.GetLeftPart(UriPartial.Path), refusal);
        }
        return refusal;
    }

    private string? Check(TokenSource source, string registry, string authority, Uri realm)
    {
        if (realm.Scheme != Uri.UriSchemeHttps && !RegistryEndpoints.IsLoopback(realm.Authority) && !IsListedInsecure(realm))
        {
            return $"the realm {realm.GetLeftPart(UriPartial.Authority)} is plain HTTP (list its host as insecure if that is really wanted)";
        }
        if (realm.Authority.Equals(authority, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (source.RealmMustBeRegistryHost)
        {
            return $"the realm {realm.Authority} is not the registry's own host {authority}, where the Entra ID exchange must go";
        }
        return KnownRealms(registry).Any(known => Matches(known, realm))
            ? null
            : $"{realm.Authority} is not a known token realm of {registry} (if it is, set ImageWarmer:Registry:Credentials:N:Realm)";
    }

    private IEnumerable<string> KnownRealms(string registry)
    {
        if (registry.Equals(ImageReference.DockerHub, StringComparison.OrdinalIgnoreCase))
        {
            yield return DockerHubRealm;
        }
        foreach (var credential in options.Value.Credentials)
        {
            if (string.Equals(credential.Registry, registry, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(credential.Realm))
            {
                yield return credential.Realm.Trim();
            }
        }
    }

    // "auth.example.com", "auth.example.com:8443" or "https://auth.example.com/token": compared by host and port.
    private static bool Matches(string known, Uri realm)
    {
        var authority = known.Contains("://", StringComparison.Ordinal)
            ? Uri.TryCreate(known, UriKind.Absolute, out var uri) ? uri.Authority : null
            : known.TrimEnd('/');
        return authority is not null && authority.Equals(realm.Authority, StringComparison.OrdinalIgnoreCase);
    }

    private bool IsListedInsecure(Uri realm) =>
        options.Value.Insecure.Any(i => string.Equals(i, realm.Authority, StringComparison.OrdinalIgnoreCase) || string.Equals(i, realm.Host, StringComparison.OrdinalIgnoreCase));

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 100 ? text : text[..100] + "…";
}
