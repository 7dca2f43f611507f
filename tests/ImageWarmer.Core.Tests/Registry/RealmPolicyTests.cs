using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Registry.Auth;
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

    [Fact]
    public void Refusal_PlainHttpRealmListedInsecureByHost_Allowed()
    {
        var policy = new RealmPolicy(Options.Create(new RegistryOptions { Insecure = ["mirror.internal"] }), NullLogger<RealmPolicy>.Instance);

        Assert.Null(policy.Refusal(new DockerTokenSource(Endpoint, "mirror.internal", "u", "p"), "mirror.internal", "mirror.internal", Challenge("http://mirror.internal/token")));
    }

    private static AuthChallenge Challenge(string realm) =>
        new("Bearer", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["realm"] = realm, ["service"] = "s" });
}
