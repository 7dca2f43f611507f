namespace ImageWarmer.Core.Registry.Auth;

/// <summary>A bearer token and when to stop using it (a little before the registry would refuse it).</summary>
public sealed record RegistryToken(string Value, DateTimeOffset ExpiresAt)
{
    /// <summary>Whether the token is still good at <paramref name="now"/>.</summary>
    public bool IsValidAt(DateTimeOffset now) => now < ExpiresAt;
}
