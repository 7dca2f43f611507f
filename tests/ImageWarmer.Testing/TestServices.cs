namespace ImageWarmer.Testing;

/// <summary>
/// The real servers the integration tests use, started by <c>scripts/test.sh</c> (README's test command) on free
/// loopback ports and passed in environment variables. A missing server fails the test with a message saying so;
/// it never skips.
/// </summary>
public static class TestServices
{
    /// <summary>Connection string of the Azurite instance (blob, queue and table endpoints).</summary>
    public static string StorageConnectionString => Required("IMAGEWARMER_TEST_STORAGE", "Azurite");

    /// <summary><c>host:port</c> of the docker-registry that plays Docker Hub.</summary>
    public static string UpstreamRegistry => Required("IMAGEWARMER_TEST_UPSTREAM_REGISTRY", "The upstream docker-registry");

    /// <summary><c>host:port</c> of the docker-registry that plays ACR.</summary>
    public static string TargetRegistry => Required("IMAGEWARMER_TEST_TARGET_REGISTRY", "The target docker-registry");

    /// <summary>The access log of the upstream registry (one line per request, written before the response is sent).</summary>
    public static string UpstreamAccessLog =>
        Path.Combine(Required("IMAGEWARMER_TEST_SERVICES_DIR", "The services folder"), "upstream-registry.log");

    /// <summary>The access log of the target registry.</summary>
    public static string TargetAccessLog =>
        Path.Combine(Required("IMAGEWARMER_TEST_SERVICES_DIR", "The services folder"), "target-registry.log");

    private static string Required(string variable, string server) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{server} is not available to this test: {variable} is not set. Run the tests with ./scripts/test.sh, which installs and starts it.");
}
