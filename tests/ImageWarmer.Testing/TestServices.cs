namespace ImageWarmer.Testing;

/// <summary>
/// The real servers the integration tests use. <c>scripts/test.sh</c> (README's test command) starts them on free
/// loopback ports and passes them in <c>IMAGEWARMER_TEST_*</c> environment variables, which are then used as they
/// are. Without any of those variables (a plain <c>dotnet test</c>), the test process starts them itself, once, the
/// first time a test asks (<see cref="LocalTestServers"/>), and stops them when it exits; it does not install them.
/// A missing server fails the test with a message saying what to install; it never skips.
/// <para>
/// The start is lazy and process-wide, behind these properties, rather than an xunit fixture, so that test classes
/// stay in their own collections and run in parallel; <see cref="TestServersFixture"/> is the same thing as a
/// collection fixture.
/// </para>
/// </summary>
public static class TestServices
{
    private const string Storage = "IMAGEWARMER_TEST_STORAGE";
    private const string Upstream = "IMAGEWARMER_TEST_UPSTREAM_REGISTRY";
    private const string Target = "IMAGEWARMER_TEST_TARGET_REGISTRY";
    private const string ServicesDir = "IMAGEWARMER_TEST_SERVICES_DIR";

    /// <summary>Connection string of the Azurite instance (blob, queue and table endpoints).</summary>
    public static string StorageConnectionString => Resolve(Storage, "Azurite", servers => servers.StorageConnectionString);

    /// <summary><c>host:port</c> of the docker-registry that plays Docker Hub.</summary>
    public static string UpstreamRegistry => Resolve(Upstream, "The upstream docker-registry", servers => servers.UpstreamRegistry);

    /// <summary><c>host:port</c> of the docker-registry that plays ACR.</summary>
    public static string TargetRegistry => Resolve(Target, "The target docker-registry", servers => servers.TargetRegistry);

    /// <summary>The access log of the upstream registry (one line per request, written before the response is sent).</summary>
    public static string UpstreamAccessLog => Path.Combine(ServicesDirectory, "upstream-registry.log");

    /// <summary>The access log of the target registry.</summary>
    public static string TargetAccessLog => Path.Combine(ServicesDirectory, "target-registry.log");

    private static string ServicesDirectory => Resolve(ServicesDir, "The services folder", servers => servers.Directory);

    /// <summary>Makes sure every server is there: started (without the script) or named by its variable (with it).</summary>
    public static void EnsureAvailable()
    {
        _ = StorageConnectionString;
        _ = UpstreamRegistry;
        _ = TargetRegistry;
        _ = ServicesDirectory;
    }

    // All or nothing: with the script, a variable it did not set is its bug to report, not a reason to start a
    // second set of servers beside its own.
    private static bool StartedByScript =>
        new[] { Storage, Upstream, Target, ServicesDir }.Any(variable => Environment.GetEnvironmentVariable(variable) is { Length: > 0 });

    private static string Resolve(string variable, string server, Func<LocalTestServers, string> local)
    {
        if (!StartedByScript)
        {
            return local(LocalTestServers.Instance);
        }
        return Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{server} is not available to this test: {variable} is not set. Run the tests with ./scripts/test.sh, which installs and starts it.");
    }
}
