using ImageWarmer.Testing;
using Microsoft.Extensions.Configuration;

namespace ImageWarmer.Functions.Conformance.Tests;

/// <summary>The repository's <c>host.json</c>, the file the Functions host reads in Azure.</summary>
internal static class HostJson
{
    private static readonly IConfigurationRoot Root = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(RepositoryPaths.Root, "host.json"), optional: false)
        .Build();

    /// <summary><c>extensions.queues</c>: what the host binds into <c>QueuesOptions</c>.</summary>
    public static IConfigurationSection Queues => Root.GetSection("extensions:queues");

    /// <summary><c>extensions.queues.maxDequeueCount</c>.</summary>
    public static int MaxDequeueCount => Queues.GetValue<int>("maxDequeueCount");
}
