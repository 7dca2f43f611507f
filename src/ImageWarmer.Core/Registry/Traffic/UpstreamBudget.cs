using ImageWarmer.Core.Registry.Auth;

namespace ImageWarmer.Core.Registry.Traffic;

/// <summary>
/// The rate-limit budget of a source registry, asked by its name before an import starts. The OCI copy importer would
/// meet a spent budget at its first pull anyway, but ACR's server-side import sends none of ours: without asking first
/// it would go to ARM at <c>ratelimit-remaining: 0</c> and fail instead of waiting for the reset.
/// </summary>
public sealed class UpstreamBudget(RegistryTraffic traffic, RegistryEndpoints endpoints, TokenSources sources)
{
    /// <summary>Throws when pulls from <paramref name="registry"/> (e.g. <c>docker.io</c>) are refused until the window
    /// resets; a refusal that ends within <see cref="RegistryOptions.MaxRetryAfter"/> (a short <c>Retry-After</c>) is waited out.</summary>
    /// <exception cref="RateLimitBudgetExhaustedException">The budget of the registry's host and credential is below the floor for longer.</exception>
    public async Task ThrowIfSpentAsync(string registry, CancellationToken cancellationToken = default)
    {
        var host = endpoints.BaseUri(registry);
        var credential = sources.For(registry, host.Host).DisplayName;
        if (await traffic.RefusalAfterShortWaitAsync(host.Authority, credential, cancellationToken) is { } refusal)
        {
            throw refusal;
        }
    }
}
