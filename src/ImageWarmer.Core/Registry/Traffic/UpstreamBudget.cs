using ImageWarmer.Core.Registry.Auth;

namespace ImageWarmer.Core.Registry.Traffic;

/// <summary>
/// The rate-limit budget of a source registry, asked by its name before an import starts. The OCI copy importer would
/// meet a spent budget at its first pull anyway, but ACR's server-side import sends none of ours: without asking first
/// it would go to ARM at <c>ratelimit-remaining: 0</c> and fail instead of waiting for the reset.
/// </summary>
public sealed class UpstreamBudget(RegistryTraffic traffic, RegistryEndpoints endpoints, TokenSources sources)
{
    /// <summary>Throws when pulls from <paramref name="registry"/> (e.g. <c>docker.io</c>) are refused until the window resets.</summary>
    /// <exception cref="RateLimitBudgetExhaustedException">The budget of the registry's host and credential is below the floor.</exception>
    public void ThrowIfSpent(string registry)
    {
        var host = endpoints.BaseUri(registry);
        var credential = sources.For(registry, host.Host).DisplayName;
        if (traffic.Refusal(host.Authority, credential) is { } refusal)
        {
            throw refusal;
        }
    }
}
