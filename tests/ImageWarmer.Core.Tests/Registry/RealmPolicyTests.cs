using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Registry.Auth;
using ImageWarmer.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Tests.Registry;

/// <summary>The realms a credential may go to: the ones it must reach as well as the ones it must not.</summary>
public sealed class RealmPolicyTests
{
    private static readonly TokenEndpoint Endpoint = new(new HttpClient(), TimeProvider.System);

    [Theory]
    [InlineData("docker.io", "registry-1.docker.io", "https://auth.docker.io/token", true)]
    [InlineData("docker.io", "registry-1.docker.io", "https://auth.evil.example/token", false)]
    [InlineData("quay.io", "quay.io", "https://auth.docker.io/token", false)] // Docker Hub's realm is Docker Hub's only
    [InlineData("r.example", "r.example", "https://auth.r.example:8443/token", true)] // configured as a URL
    [InlineData("r.example", "r.example", "https://auth.r.example/token", false)] // same host, another port
    [InlineData("r.example", "r.example", "http://auth.r.example:8443/token", false)] // plain HTTP
    public void Refusal_CredentialOnlyToItsKnownRealms(string registry, string authority, string realm, bool allowed)
    {
        var policy = new RealmPolicy(Options.Create(new RegistryOptions
        {
            Credentials = [new RegistryCredentialOptions { Registry = "r.example", Username = "u", Password = "p", Realm = "https://auth.r.example:8443/token" }],
        }), NullLogger<RealmPolicy>.Instance);
        var source = new DockerTokenSource(Endpoint, registry, "u", "p");

        var refusal = policy.Refusal(source, registry, authority, Challenge(realm));

        Assert.Equal(allowed, refusal is null);
    }

    // Listed by host, a plain-HTTP realm is allowed on any port; listed by host and port, on that port only.
    [Theory]
    [InlineData("mirror.internal", "http://mirror.internal/token", true)]
    [InlineData("mirror.internal", "http://mirror.internal:5000/token", true)]
    [InlineData("mirror.internal:5000", "http://mirror.internal:5000/token", true)]
    [InlineData("mirror.internal:5000", "http://mirror.internal:6000/token", false)]
    [InlineData("other.internal", "http://mirror.internal/token", false)]
    public void Refusal_PlainHttpRealm_AllowedOnlyWhenListedInsecure(string insecure, string realm, bool allowed)
    {
        var policy = new RealmPolicy(Options.Create(new RegistryOptions { Insecure = [insecure] }), NullLogger<RealmPolicy>.Instance);
        var authority = new Uri(realm).Authority;

        var refusal = policy.Refusal(new DockerTokenSource(Endpoint, "mirror.internal", "u", "p"), "mirror.internal", authority, Challenge(realm));

        Assert.Equal(allowed, refusal is null);
    }

    // Nothing of ours rides on an anonymous token request, so any realm may have it (and nothing is logged).
    [Fact]
    public void Refusal_SourceWithoutCredential_NeverRefused()
    {
        var logs = new CapturedLogs();
        var policy = Policy(logs);

        Assert.Null(policy.Refusal(new DockerTokenSource(Endpoint, "docker.io", null, null), "docker.io", "registry-1.docker.io", Challenge("http://evil.example/token")));
        Assert.Empty(logs.Warnings);
    }

    [Theory]
    [InlineData("ftp://auth.example/token", "the challenge's realm 'ftp://auth.example/token' is not an http(s) URL")]
    [InlineData(null, "the challenge's realm '' is not an http(s) URL")]
    public void Refusal_RealmNotAUrl_SaysWhichRealm(string? realm, string expected)
    {
        var challenge = new AuthChallenge("Bearer", realm is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["realm"] = realm });

        Assert.Equal(expected, Policy(new CapturedLogs()).Refusal(new DockerTokenSource(Endpoint, "docker.io", "u", "p"), "docker.io", "registry-1.docker.io", challenge));
    }

    // A hostile registry writes the realm: the refusal quotes at most 100 characters of it.
    [Theory]
    [InlineData(100, false)]
    [InlineData(101, true)]
    public void Refusal_LongRealmNotAUrl_QuotedUpToAHundredCharacters(int length, bool shortened)
    {
        var realm = "x:" + new string('a', length - 2);

        var refusal = Policy(new CapturedLogs()).Refusal(new DockerTokenSource(Endpoint, "docker.io", "u", "p"), "docker.io", "registry-1.docker.io", Challenge(realm));

        Assert.Equal($"the challenge's realm '{(shortened ? realm[..100] + "…" : realm)}' is not an http(s) URL", refusal);
    }

    // Every request of a run meets the same challenge: the operator is told once per registry and realm host.
    [Fact]
    public void Refusal_SameRealmAgain_LoggedOnce_AnotherRealmLoggedToo()
    {
        var logs = new CapturedLogs();
        var policy = Policy(logs);
        var source = new DockerTokenSource(Endpoint, "docker.io", "u", "p");

        foreach (var realm in new[] { "https://one.example/token", "https://one.example/other", "https://two.example/token" })
        {
            Assert.NotNull(policy.Refusal(source, "docker.io", "registry-1.docker.io", Challenge(realm)));
        }

        Assert.Equal(2, logs.Warnings.Count);
        Assert.Contains("https://one.example/token", logs.Warnings[0], StringComparison.Ordinal);
        Assert.Contains("https://two.example/token", logs.Warnings[1], StringComparison.Ordinal);
    }

    private static RealmPolicy Policy(CapturedLogs logs) =>
        new(Options.Create(new RegistryOptions()), LoggerFactory.Create(b => b.AddProvider(logs)).CreateLogger<RealmPolicy>());

    private static AuthChallenge Challenge(string realm) =>
        new("Bearer", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["realm"] = realm, ["service"] = "s" });
}
