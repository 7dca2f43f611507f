using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;
using static ImageWarmer.Core.Tests.Registry.Hostile.HostileRegistry;

namespace ImageWarmer.Core.Tests.Registry.Hostile;

/// <summary>Tokens are cached by registry, realm, service, scope and credential identity (a hash of the secret): two
/// registries with one username, behind one realm that names the same service, never share a token.</summary>
public sealed class SharedUsernameTests
{
    [Theory]
    [InlineData("pa", "pb")]
    [InlineData("same", "same")]
    public async Task TwoRegistries_SameUsernameSameRealm_EachGetsItsOwnToken(string passwordA, string passwordB)
    {
        await using var realm = HostileServer.Start(Realm);
        await using var a = HostileServer.Start(r => Manifests(r, $"{realm.Url}/token", t => t == $"Bearer token-for-{passwordA}"));
        await using var b = HostileServer.Start(r => Manifests(r, $"{realm.Url}/token", t => t == $"Bearer token-for-{passwordB}"));
        using var services = RegistryTestHost.Build(new Dictionary<string, string?>
        {
            ["ImageWarmer:Registry:Endpoints:0:Registry"] = "a.example",
            ["ImageWarmer:Registry:Endpoints:0:Url"] = a.Url,
            ["ImageWarmer:Registry:Endpoints:1:Registry"] = "b.example",
            ["ImageWarmer:Registry:Endpoints:1:Url"] = b.Url,
            ["ImageWarmer:Registry:Credentials:0:Registry"] = "a.example",
            ["ImageWarmer:Registry:Credentials:0:Username"] = Username,
            ["ImageWarmer:Registry:Credentials:0:Password"] = passwordA,
            ["ImageWarmer:Registry:Credentials:0:Realm"] = realm.Address,
            ["ImageWarmer:Registry:Credentials:1:Registry"] = "b.example",
            ["ImageWarmer:Registry:Credentials:1:Username"] = Username,
            ["ImageWarmer:Registry:Credentials:1:Password"] = passwordB,
            ["ImageWarmer:Registry:Credentials:1:Realm"] = realm.Address,
        });
        var client = services.GetRequiredService<RegistryClient>();

        foreach (var registry in new[] { "a.example", "b.example", "a.example", "b.example" })
        {
            Assert.Equal(Digest, (await client.TryResolveAsync(Image(registry)))?.Digest);
        }

        Assert.Equal(2, realm.Seen.Count);
        Assert.All(a.Seen.Where(r => r.Authorization is not null), r => Assert.Equal($"Bearer token-for-{passwordA}", r.Authorization));
        Assert.All(b.Seen.Where(r => r.Authorization is not null), r => Assert.Equal($"Bearer token-for-{passwordB}", r.Authorization));
        Assert.Equal(2, a.Seen.Count(r => r.Authorization is not null));
        Assert.Equal(2, b.Seen.Count(r => r.Authorization is not null));
    }
}
