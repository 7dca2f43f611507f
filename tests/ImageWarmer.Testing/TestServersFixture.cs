namespace ImageWarmer.Testing;

/// <summary>
/// The test servers as an xunit collection fixture (<c>TestServersCollection</c>): its constructor makes
/// sure they are up, so a start failure is reported once for the collection, before its first test.
/// <para>
/// It owns nothing: the servers are the process-wide ones behind <see cref="TestServices"/>, which every test class
/// may use without the fixture and which stop when the test process exits, not when this collection ends.
/// </para>
/// </summary>
public sealed class TestServersFixture
{
    /// <summary>Starts the servers if this process has not yet (or checks the variables of <c>scripts/test.sh</c>).</summary>
    public TestServersFixture() => TestServices.EnsureAvailable();

    /// <inheritdoc cref="TestServices.StorageConnectionString"/>
    public string StorageConnectionString => TestServices.StorageConnectionString;

    /// <inheritdoc cref="TestServices.UpstreamRegistry"/>
    public string UpstreamRegistry => TestServices.UpstreamRegistry;

    /// <inheritdoc cref="TestServices.TargetRegistry"/>
    public string TargetRegistry => TestServices.TargetRegistry;

    /// <inheritdoc cref="TestServices.UpstreamAccessLog"/>
    public string UpstreamAccessLog => TestServices.UpstreamAccessLog;

    /// <inheritdoc cref="TestServices.TargetAccessLog"/>
    public string TargetAccessLog => TestServices.TargetAccessLog;
}
