namespace ImageWarmer.Core.Registry;

/// <summary>A username and password (or access token) for one registry, and where else than the registry's own host
/// they may be sent to fetch tokens.</summary>
public sealed class RegistryCredentialOptions
{
    /// <summary>The registry name, e.g. <c>docker.io</c>.</summary>
    public string? Registry { get; set; }

    /// <summary>The username.</summary>
    public string? Username { get; set; }

    /// <summary>The password or access token.</summary>
    public string? Password { get; set; }

    /// <summary>A token realm host this credential may be sent to besides the registry's own host (and, for
    /// <c>docker.io</c>, <c>auth.docker.io</c>): <c>auth.example.com</c>, <c>auth.example.com:8443</c> or a URL.
    /// See <see cref="Auth.RealmPolicy"/>.</summary>
    public string? Realm { get; set; }
}
