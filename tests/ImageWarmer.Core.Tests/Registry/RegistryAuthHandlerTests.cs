using System.Net;
using System.Text;
using Azure.Core;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Registry.Auth;
using ImageWarmer.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace ImageWarmer.Core.Tests.Registry;

public sealed class RegistryAuthHandlerTests
{
    private const string Registry = "https://registry.example.com";
    private const string Challenge = "Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\",scope=\"repository:team/app:pull\"";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));
    private readonly RegistryOptions _options = new();
    private readonly HashSet<string> _accepted = [];
    private int _issued;

    [Fact]
    public async Task Send_Anonymous_ChallengeThenTokenThenRetry()
    {
        var (client, stub) = Build();

        using var response = await client.GetAsync($"{Registry}/v2/team/app/manifests/1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
        [
            "GET https://registry.example.com/v2/team/app/manifests/1 (none)",
            "GET https://auth.example.com/token?service=registry.example.com&scope=repository%3Ateam%2Fapp%3Apull (none)",
            "GET https://registry.example.com/v2/team/app/manifests/1 Bearer tok-1",
        ], Describe(stub));
    }

    [Fact]
    public async Task Send_SecondRequestSameScope_TokenSentUpfrontWithoutFetch()
    {
        var (client, stub) = Build();
        (await client.GetAsync($"{Registry}/v2/team/app/manifests/1")).Dispose();

        using var response = await client.GetAsync($"{Registry}/v2/team/app/manifests/2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("GET https://registry.example.com/v2/team/app/manifests/2 Bearer tok-1", Describe(stub)[^1]);
        Assert.Equal(4, stub.Requests.Count);
    }

    [Fact]
    public async Task Send_WithCredentials_TokenRequestCarriesBasicAuth()
    {
        _options.Credentials.Add(new RegistryCredentialOptions { Registry = "registry.example.com", Username = "robot", Password = "s3cret", Realm = "auth.example.com" });
        var (client, stub) = Build();

        (await client.GetAsync($"{Registry}/v2/team/app/manifests/1")).Dispose();

        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("robot:s3cret"));
        Assert.Equal(basic, stub.Requests[1].Authorization);
    }

    [Fact]
    public async Task Send_TokenExpired_FetchesANewOneBeforeSending()
    {
        var (client, stub) = Build();
        (await client.GetAsync($"{Registry}/v2/team/app/manifests/1")).Dispose();
        _time.Advance(TimeSpan.FromSeconds(300));

        using var response = await client.GetAsync($"{Registry}/v2/team/app/manifests/1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
        [
            "GET https://auth.example.com/token?service=registry.example.com&scope=repository%3Ateam%2Fapp%3Apull (none)",
            "GET https://registry.example.com/v2/team/app/manifests/1 Bearer tok-2",
        ], Describe(stub)[3..]);
    }

    [Fact]
    public async Task Send_RegistryRefusesEveryToken_Returns401AfterOneRetry()
    {
        var (client, stub) = Build(acceptTokens: false);

        using var response = await client.GetAsync($"{Registry}/v2/team/app/manifests/1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(2, stub.Requests.Count(r => r.Uri.Host == "registry.example.com"));
        Assert.Equal(1, stub.Requests.Count(r => r.Uri.Host == "auth.example.com"));
    }

    [Fact]
    public async Task Send_CachedTokenRevoked_ReplacedOnce()
    {
        var (client, stub) = Build();
        (await client.GetAsync($"{Registry}/v2/team/app/manifests/1")).Dispose();
        _accepted.Remove("tok-1");

        using var response = await client.GetAsync($"{Registry}/v2/team/app/manifests/1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
        [
            "GET https://registry.example.com/v2/team/app/manifests/1 Bearer tok-1",
            "GET https://auth.example.com/token?service=registry.example.com&scope=repository%3Ateam%2Fapp%3Apull (none)",
            "GET https://registry.example.com/v2/team/app/manifests/1 Bearer tok-2",
        ], Describe(stub)[3..]);
    }

    [Fact]
    public async Task Send_BasicChallenge_UsesCredentialsOrGivesUp()
    {
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ci:pw"));
        HttpResponseMessage Respond(HttpRequestMessage request)
        {
            if (request.Headers.Authorization?.ToString() == basic)
            {
                return new HttpResponseMessage(HttpStatusCode.OK);
            }
            var refused = new HttpResponseMessage(HttpStatusCode.Unauthorized);
            refused.Headers.WwwAuthenticate.ParseAdd("Basic realm=\"registry\"");
            return refused;
        }

        var (anonymous, anonymousStub) = Build(Respond);
        using (var refused = await anonymous.GetAsync($"{Registry}/v2/team/app/manifests/1"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Single(anonymousStub.Requests);
        }

        _options.Credentials.Add(new RegistryCredentialOptions { Registry = "registry.example.com", Username = "ci", Password = "pw" });
        var (withCredentials, stub) = Build(Respond);
        (await withCredentials.GetAsync($"{Registry}/v2/team/app/manifests/1")).Dispose();
        using var second = await withCredentials.GetAsync($"{Registry}/v2/team/app/manifests/2");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(3, stub.Requests.Count);
        Assert.Equal(basic, stub.Requests[^1].Authorization);
    }

    [Fact]
    public async Task Send_AzureContainerRegistry_ExchangesEntraTokenThenAsksPerScope()
    {
        var entra = Substitute.For<TokenCredential>();
        entra.GetTokenAsync(Arg.Any<TokenRequestContext>(), Arg.Any<CancellationToken>())
            .Returns(new AccessToken("entra-token", _time.GetUtcNow().AddHours(1)));
        var refresh = Jwt(_time.GetUtcNow().AddHours(3));
        var accesses = 0;
        var stub = new StubHttpMessageHandler(request =>
        {
            var path = request.RequestUri!.AbsolutePath;
            if (path == "/oauth2/exchange")
            {
                return Json($$"""{"refresh_token":"{{refresh}}"}""");
            }
            if (path == "/oauth2/token")
            {
                return Json($$"""{"access_token":"{{Jwt(_time.GetUtcNow().AddMinutes(75), ++accesses)}}"}""");
            }
            if (request.Headers.Authorization?.Scheme == "Bearer")
            {
                return new HttpResponseMessage(HttpStatusCode.OK);
            }
            var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
            var repository = path.Split("/manifests/")[0][4..];
            challenge.Headers.WwwAuthenticate.ParseAdd(
                $"Bearer realm=\"https://myacr.azurecr.io/oauth2/token\",service=\"myacr.azurecr.io\",scope=\"repository:{repository}:pull\"");
            return challenge;
        });
        var client = Client(stub, entra);

        (await client.GetAsync("https://myacr.azurecr.io/v2/sonatype/nexus3/manifests/3.77.2")).Dispose();
        using var second = await client.GetAsync("https://myacr.azurecr.io/v2/library/debian/manifests/bookworm-slim");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await entra.Received(1).GetTokenAsync(
            Arg.Is<TokenRequestContext>(c => c.Scopes.SequenceEqual(new[] { AcrExchangeTokenSource.AzureContainerRegistryScope })), Arg.Any<CancellationToken>());
        var exchange = Assert.Single(stub.Requests, r => r.Uri.AbsolutePath == "/oauth2/exchange");
        Assert.Equal("grant_type=access_token&service=myacr.azurecr.io&access_token=entra-token", exchange.Body);
        var tokenRequests = stub.Requests.Where(r => r.Uri.AbsolutePath == "/oauth2/token").Select(r => r.Body).ToList();
        Assert.Equal(
        [
            $"grant_type=refresh_token&service=myacr.azurecr.io&refresh_token={refresh}&scope=repository%3Asonatype%2Fnexus3%3Apull",
            $"grant_type=refresh_token&service=myacr.azurecr.io&refresh_token={refresh}&scope=repository%3Alibrary%2Fdebian%3Apull",
        ], tokenRequests);
        Assert.StartsWith("Bearer ", stub.Requests[^1].Authorization, StringComparison.Ordinal);
    }

    private (HttpClient Client, StubHttpMessageHandler Stub) Build(Func<HttpRequestMessage, HttpResponseMessage>? respond = null, bool acceptTokens = true)
    {
        var stub = new StubHttpMessageHandler(respond ?? (request => RespondAsRegistryAndTokenService(request, acceptTokens)));
        return (Client(stub, Substitute.For<TokenCredential>()), stub);
    }

    private HttpClient Client(StubHttpMessageHandler stub, TokenCredential entra)
    {
        var options = Options.Create(_options);
        var sources = new TokenSources(new HttpClient(stub), entra, _time, options, new RealmPolicy(options, NullLogger<RealmPolicy>.Instance));
        return new HttpClient(new RegistryAuthHandler(sources, new TokenCache(_time), new RegistryEndpoints(options)) { InnerHandler = stub });
    }

    private HttpResponseMessage RespondAsRegistryAndTokenService(HttpRequestMessage request, bool acceptTokens)
    {
        if (request.RequestUri!.Host == "auth.example.com")
        {
            var token = $"tok-{++_issued}";
            _accepted.Add(token);
            return Json($$"""{"token":"{{token}}","expires_in":300}""");
        }
        if (acceptTokens && request.Headers.Authorization is { Scheme: "Bearer" } auth && _accepted.Contains(auth.Parameter!))
        {
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
        var refused = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        refused.Headers.WwwAuthenticate.ParseAdd(Challenge);
        return refused;
    }

    private static List<string> Describe(StubHttpMessageHandler stub) =>
        [.. stub.Requests.Select(r => $"{r.Method} {r.Uri} {r.Authorization ?? "(none)"}")];

    private static HttpResponseMessage Json(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static string Jwt(DateTimeOffset expires, int nonce = 0)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Part("{\"alg\":\"none\"}")}.{Part($"{{\"exp\":{expires.ToUnixTimeSeconds()},\"n\":{nonce}}}")}.sig";
    }
}
