namespace ImageWarmer.Core.Registry;

/// <summary>A username and password (or access token) for one registry.</summary>
public sealed class RegistryCredentialOptions
{
    /// <summary>The registry name, e.g. <c>docker.io</c>.</summary>
    public string? Registry { get; set; }

    /// <summary>The username.</summary>
    public string? Username { get; set; }

    /// <summary>The password or access token.</summary>
    public string? Password { get; set; }
}
