using Azure.Core;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using static ImageWarmer.Core.Tests.Registry.Hostile.HostileRegistry;
using Reply = ImageWarmer.Testing.HostileServer.Reply;

namespace ImageWarmer.Core.Tests.Registry.Hostile;

/// <summary>ACR's exchange posts an Entra ID access token to the realm's <c>/oauth2/exchange</c>: it goes to the
/// registry's own host, never to a realm elsewhere, and never along a redirect.</summary>
public sealed class AcrExchangeRealmTests
{
    private const string Acr = "myacr.azurecr.io";
    private const string EntraToken = "entra-secret";

    private readonly TokenCredential _entra = Substitute.For<TokenCredential>();

    public AcrExchangeRealmTests() =>
        _entra.GetTokenAsync(Arg.Any<TokenRequestContext>(), Arg.Any<CancellationToken>()).Returns(new AccessToken(EntraToken, DateTimeOffset.UtcNow.AddHours(1)));

    [Fact]
    public async Task Exchange_RealmOnAnotherHost_EntraTokenNeverSent_AnsweredAnonymously()
    {
        await using var realm = HostileServer.Start(_ => Reply.Json("""{"refresh_token":"stolen","access_token":"hostile-token"}"""));
        await using var registry = HostileServer.Start(r => Manifests(r, $"{realm.Url}/oauth2/token", a => a is not null));
        var logs = new CapturedLogs();
        using var services = Services(registry, logs);

        var found = await services.GetRequiredService<RegistryClient>().TryResolveAsync(Image(Acr));

        Assert.Equal(Digest, found?.Digest);
        await _entra.DidNotReceive().GetTokenAsync(Arg.Any<TokenRequestContext>(), Arg.Any<CancellationToken>());
        var asked = Assert.Single(realm.Seen);
        Assert.Equal(("GET", "/oauth2/token", null, ""), (asked.Method, asked.Path, asked.Authorization, asked.Body));
        Assert.Contains($"the realm {realm.Address} is not the registry's own host {registry.Address}, where the Entra ID exchange must go",
            Assert.Single(logs.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_RealmOnTheRegistrysOwnHost_ExchangesTheEntraToken()
    {
        HostileServer? self = null;
        await using var registry = self = HostileServer.Start(r => r.Path.StartsWith("/oauth2/", StringComparison.Ordinal)
            ? Reply.Json("""{"refresh_token":"refresh","access_token":"access"}""")
            : Manifests(r, $"{self!.Url}/oauth2/token", a => a == "Bearer access"));
        using var services = Services(registry, new CapturedLogs());

        var found = await services.GetRequiredService<RegistryClient>().TryResolveAsync(Image(Acr));

        Assert.Equal(Digest, found?.Digest);
        var exchange = Assert.Single(registry.Seen, r => r.Path == "/oauth2/exchange");
        Assert.Contains($"access_token={EntraToken}", exchange.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_RedirectedElsewhere_EntraTokenNotCarriedAlong()
    {
        await using var thief = HostileServer.Start(_ => Reply.Json("""{"refresh_token":"stolen"}"""));
        HostileServer? self = null;
        await using var registry = self = HostileServer.Start(r => r.Path == "/oauth2/exchange"
            ? new Reply(307, [], new Dictionary<string, string> { ["Location"] = $"{thief.Url}/oauth2/exchange" })
            : Manifests(r, $"{self!.Url}/oauth2/token", a => a is not null));
        using var services = Services(registry, new CapturedLogs());

        var e = await Assert.ThrowsAsync<RegistryRequestException>(() => services.GetRequiredService<RegistryClient>().TryResolveAsync(Image(Acr)));

        Assert.Equal(System.Net.HttpStatusCode.TemporaryRedirect, e.Status);
        Assert.Empty(thief.Seen);
    }

    // The registry is on loopback, so its host is named an ACR host by the suffix list, as *.azurecr.io is by default.
    private ServiceProvider Services(HostileServer registry, CapturedLogs logs) =>
        Build(Acr, registry.Url, logs, more: new() { ["ImageWarmer:Registry:AzureRegistrySuffixes:3"] = "127.0.0.1" },
            configure: s => s.AddSingleton(_entra));
}
