using ImageWarmer.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Testing;

/// <summary>The engine as the CLI and Functions build it, configured with test settings (e.g. docker.io pointing at
/// the local upstream registry).</summary>
public static class RegistryTestHost
{
    /// <summary>A service provider over <paramref name="settings"/> (keys like <c>ImageWarmer:Registry:Endpoints:docker.io</c>).</summary>
    public static ServiceProvider Build(IEnumerable<KeyValuePair<string, string?>> settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddImageWarmer(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>Settings that send docker.io to the test upstream registry.</summary>
    public static Dictionary<string, string?> UpstreamAsDockerHub() => DockerHubAt(TestServices.UpstreamRegistry);

    /// <summary>Settings that send docker.io to <paramref name="address"/> (<c>host:port</c>, plain HTTP), e.g. a fault
    /// proxy in front of the upstream registry.</summary>
    public static Dictionary<string, string?> DockerHubAt(string address) => EndpointAt("docker.io", address);

    /// <summary>Settings that send <paramref name="registry"/> to <paramref name="address"/> (plain HTTP), as endpoint
    /// number <paramref name="index"/>: a registry name (an ACR's, say) served by a proxy in front of a test registry.</summary>
    public static Dictionary<string, string?> EndpointAt(string registry, string address, int index = 0) => new()
    {
        [$"ImageWarmer:Registry:Endpoints:{index}:Registry"] = registry,
        [$"ImageWarmer:Registry:Endpoints:{index}:Url"] = $"http://{address}",
    };
}
