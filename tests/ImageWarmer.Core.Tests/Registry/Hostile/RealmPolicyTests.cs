using System.Net;
using System.Text;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using static ImageWarmer.Core.Tests.Registry.Hostile.HostileRegistry;

namespace ImageWarmer.Core.Tests.Registry.Hostile;

/// <summary>A hostile registry names a token realm of its choosing: the registry's credential goes there only when the
/// realm is known for it, and over HTTPS unless it is on loopback or listed as insecure.</summary>
public sealed class RealmPolicyTests
{
    private static readonly string Basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));

    [Fact]
    public async Task Challenge_RealmOnAnotherHost_CredentialWithheld_UserToldAndLoggedOnce()
    {
        await using var realm = HostileServer.Start(Realm);
        // A private image: only the credential's token would open it.
        await using var registry = HostileServer.Start(r => Manifests(r, $"{realm.Url}/token", a => a == $"Bearer token-for-{Password}"));
        var logs = new CapturedLogs();
        using var services = Build("docker.io", registry.Url, logs);
        var client = services.GetRequiredService<RegistryClient>();

        var first = await Assert.ThrowsAsync<RegistryRequestException>(() => client.TryResolveAsync(Image("docker.io", "1")));
        await Assert.ThrowsAsync<RegistryRequestException>(() => client.TryResolveAsync(Image("docker.io", "2")));

        Assert.NotEmpty(realm.Seen);
        Assert.All(realm.Seen, r => Assert.Null(r.Authorization));
        Assert.DoesNotContain(registry.Seen, r => r.Authorization is not null && r.Authorization != "Bearer anonymous-token");
        Assert.Equal(HttpStatusCode.Unauthorized, first.Status);
        Assert.Contains($"ci's credential for docker.io was not sent: {realm.Address} is not a known token realm of docker.io", first.Message, StringComparison.Ordinal);
        var warning = Assert.Single(logs.Warnings);
        Assert.Equal(
            $"Not sending ci's credential for docker.io to the token realm {realm.Url}/token: {realm.Address} is not a known token realm of docker.io " +
            "(if it is, set ImageWarmer:Registry:Credentials:N:Realm); answering its challenges anonymously",
            warning);
    }

    [Fact]
    public async Task Challenge_RealmConfiguredForTheCredential_GetsTheCredential()
    {
        await using var realm = HostileServer.Start(Realm);
        await using var registry = HostileServer.Start(r => Manifests(r, $"{realm.Url}/token", a => a == $"Bearer token-for-{Password}"));
        var logs = new CapturedLogs();
        using var services = Build("docker.io", registry.Url, logs, realm: realm.Address);

        var found = await services.GetRequiredService<RegistryClient>().TryResolveAsync(Image("docker.io"));

        Assert.Equal(Digest, found?.Digest);
        Assert.Equal([Basic], realm.Seen.Select(r => r.Authorization));
        Assert.Empty(logs.Warnings);
    }

    [Fact]
    public async Task Challenge_RealmOnTheRegistrysOwnHost_GetsTheCredential()
    {
        HostileServer? self = null;
        await using var registry = self = HostileServer.Start(r => r.Path == "/token"
            ? Realm(r)
            : Manifests(r, $"{self!.Url}/token", a => a == $"Bearer token-for-{Password}"));
        var logs = new CapturedLogs();
        using var services = Build("registry.example.com", registry.Url, logs);

        var found = await services.GetRequiredService<RegistryClient>().TryResolveAsync(Image("registry.example.com"));

        Assert.Equal(Digest, found?.Digest);
        Assert.Equal(Basic, Assert.Single(registry.Seen, r => r.Path == "/token").Authorization);
    }

    // A realm that is not on loopback cannot run here: its host is answered by a recording stub instead of the network.
    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "Basic")]
    public async Task Challenge_KnownRealmOverPlainHttp_CredentialOnlyWhenListedInsecure(bool listedInsecure, string? expectedScheme)
    {
        const string RealmUrl = "http://auth.hostile.example/token";
        var stub = new StubHttpMessageHandler(request => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent($$"""{"token":"{{TokenFor(request.Headers.Authorization?.ToString())}}"}""", Encoding.UTF8, "application/json"),
        });
        await using var registry = HostileServer.Start(r => Manifests(r, RealmUrl, a => a is not null));
        var logs = new CapturedLogs();
        using var services = Build("docker.io", registry.Url, logs, realm: "auth.hostile.example",
            more: listedInsecure ? new() { ["ImageWarmer:Registry:Insecure:0"] = "auth.hostile.example" } : null,
            configure: s => s.AddHttpClient(RegistryServiceCollectionExtensions.TokenClientName).ConfigurePrimaryHttpMessageHandler(() => stub));

        await services.GetRequiredService<RegistryClient>().TryResolveAsync(Image("docker.io"));

        var reached = Assert.Single(stub.Requests);
        Assert.Equal(expectedScheme, reached.Authorization?.Split(' ')[0]);
        if (!listedInsecure)
        {
            Assert.Contains("the realm http://auth.hostile.example is plain HTTP", Assert.Single(logs.Warnings), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("/token")]
    [InlineData("ftp://auth.hostile.example/token")]
    public async Task Challenge_RealmNotHttp_FailsThatRequestOnly_NothingSent(string realm)
    {
        await using var registry = HostileServer.Start(r => Manifests(r, realm, _ => false));
        var logs = new CapturedLogs();
        using var services = Build("docker.io", registry.Url, logs);

        var e = await Assert.ThrowsAsync<Core.Failures.ImageWarmerException>(() =>
            services.GetRequiredService<RegistryClient>().TryResolveAsync(Image("docker.io")));

        Assert.Equal(Core.Failures.FailureKind.Refused, e.Kind);
        Assert.Contains("names no http(s) realm", e.Message, StringComparison.Ordinal);
        Assert.All(registry.Seen, r => Assert.Null(r.Authorization));
    }
}
