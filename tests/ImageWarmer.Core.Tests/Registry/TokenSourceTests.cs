using System.Net;
using System.Text;
using Azure.Core;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Registry.Auth;
using ImageWarmer.Testing;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace ImageWarmer.Core.Tests.Registry;

/// <summary>The token protocols one class at a time, on their recorded shapes: what each sends, what it makes of the
/// answer, and how long it keeps a token (by a fake clock).</summary>
public sealed class TokenSourceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);

    // The token spec makes expires_in optional (default 60 s): a registry that leaves it out, or says 0, must still work.
    [Theory]
    [InlineData("""{"token":"t"}""")]
    [InlineData("""{"token":"t","expires_in":null}""")]
    [InlineData("""{"token":"t","expires_in":0}""")]
    [InlineData("""{"token":"t","expires_in":-5}""")]
    [InlineData("""{"access_token":"t"}""")]
    public async Task DockerFetch_NoUsableExpiresIn_TokenLivesTheSpecsSixtySeconds(string body)
    {
        var token = await Docker(_ => Json(body)).FetchAsync(Challenge("https://auth.example.com/token", "svc"), ["repository:a/b:pull"], default);

        Assert.Equal("t", token.Value);
        Assert.Equal(Now + TokenEndpoint.DefaultLifetime - TimeSpan.FromSeconds(6), token.ExpiresAt);
    }

    [Fact]
    public async Task DockerFetch_NoExpiresIn_CachedTokenReusedThenReplacedAfterSixtySeconds()
    {
        var issued = 0;
        var stub = new StubHttpMessageHandler(request => request.RequestUri!.Host == "auth.example.com"
            ? Json($$"""{"token":"tok-{{++issued}}"}""")
            : request.Headers.Authorization is { Scheme: "Bearer" } ? new HttpResponseMessage(HttpStatusCode.OK) : Challenged());
        var client = AuthClient(stub);

        (await client.GetAsync("https://registry.example.com/v2/team/app/manifests/1")).Dispose();
        _time.Advance(TimeSpan.FromSeconds(50));
        (await client.GetAsync("https://registry.example.com/v2/team/app/manifests/1")).Dispose();
        _time.Advance(TimeSpan.FromSeconds(10));
        using var response = await client.GetAsync("https://registry.example.com/v2/team/app/manifests/1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["(none)", "Bearer tok-1", "Bearer tok-1", "Bearer tok-2"],
            stub.Requests.Where(r => r.Uri.Host == "registry.example.com").Select(r => r.Authorization ?? "(none)"));
        Assert.Equal(2, issued);
    }

    [Theory]
    [InlineData(300, 270)] // a tenth of its life early
    [InlineData(3600, 3570)] // at most 30 seconds early
    [InlineData(5, 4.5)]
    public async Task DockerFetch_ExpiresIn_StoppedATenthEarlyAtMostThirtySeconds(int expiresIn, double usedFor)
    {
        var token = await Docker(_ => Json($$"""{"token":"t","expires_in":{{expiresIn}}}""")).FetchAsync(Challenge("https://auth.example.com/token", "svc"), [], default);

        Assert.Equal(Now + TimeSpan.FromSeconds(usedFor), token.ExpiresAt);
    }

    [Fact]
    public async Task DockerFetch_TokenAndAccessToken_TokenWins()
    {
        var token = await Docker(_ => Json("""{"token":"first","access_token":"second","expires_in":60}""")).FetchAsync(Challenge("https://a.test/t", null), [], default);
        Assert.Equal("first", token.Value);
    }

    [Theory]
    [InlineData("https://auth.example.com/token", "svc", new[] { "repository:a/b:pull" }, "https://auth.example.com/token?service=svc&scope=repository%3Aa%2Fb%3Apull")]
    [InlineData("https://auth.example.com/token?tenant=x", "svc", new[] { "repository:a/b:pull", "repository:c:pull" }, "https://auth.example.com/token?tenant=x&service=svc&scope=repository%3Aa%2Fb%3Apull&scope=repository%3Ac%3Apull")]
    [InlineData("https://auth.example.com/token", null, new[] { "repository:a/b:pull" }, "https://auth.example.com/token?scope=repository%3Aa%2Fb%3Apull")]
    [InlineData("https://auth.example.com/token", null, new string[0], "https://auth.example.com/token")]
    [InlineData("https://auth.example.com/token", "a b", new string[0], "https://auth.example.com/token?service=a%20b")]
    public async Task DockerFetch_Query_ServiceThenEachScope(string realm, string? service, string[] scopes, string expected)
    {
        var stub = new StubHttpMessageHandler(_ => Json("""{"token":"t"}"""));
        await new DockerTokenSource(new TokenEndpoint(new HttpClient(stub), _time), "registry.example.com", null, null)
            .FetchAsync(Challenge(realm, service), scopes, default);

        var request = Assert.Single(stub.Requests);
        Assert.Equal((HttpMethod.Get, expected, null), (request.Method, request.Uri.AbsoluteUri, request.Authorization));
    }

    [Fact]
    public async Task DockerSource_WithAndWithoutCredential_SaysWhoItIsAndKeysTokensBySecret()
    {
        var anonymous = new DockerTokenSource(Endpoint(_ => Json("{}")), "r.io", null, null);
        var robot = new DockerTokenSource(Endpoint(_ => Json("{}")), "r.io", "robot", "one");
        var robotOtherSecret = new DockerTokenSource(Endpoint(_ => Json("{}")), "r.io", "robot", "two");

        Assert.Equal((RegistryRequestOptions.Anonymous, false, null), (anonymous.DisplayName, anonymous.CarriesCredential, anonymous.BasicAuthorization));
        Assert.Equal($"r.io|{RegistryRequestOptions.Anonymous}|", anonymous.CacheIdentity);
        Assert.Equal(("robot", true), (robot.DisplayName, robot.CarriesCredential));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("robot:one")), robot.BasicAuthorization!.ToString());
        Assert.StartsWith("r.io|robot|", robot.CacheIdentity, StringComparison.Ordinal);
        Assert.Equal(16, robot.CacheIdentity["r.io|robot|".Length..].Length);
        Assert.NotEqual(robot.CacheIdentity, robotOtherSecret.CacheIdentity);
        Assert.DoesNotContain("one", robot.CacheIdentity, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"expires_in":60}""", "answered without a token")]
    [InlineData("""{"token":""}""", "empty or not printable ASCII")]
    [InlineData("""{"token":"two words"}""", "empty or not printable ASCII")]
    [InlineData("""{"token":"caf\u00e9"}""", "empty or not printable ASCII")]
    [InlineData("""{"token":"t\u007f"}""", "empty or not printable ASCII")]
    [InlineData("null", "answered with an empty body")]
    [InlineData("<html>", "is not a token response")]
    public async Task DockerFetch_UnusableAnswer_InvalidInputWithTheReason(string body, string reason)
    {
        var e = await Assert.ThrowsAsync<ImageWarmerException>(() =>
            Docker(_ => Json(body)).FetchAsync(Challenge("https://auth.example.com/token", "svc"), [], default));

        Assert.Equal(FailureKind.InvalidInput, e.Kind);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DockerFetch_TokenOfEveryPrintableCharacter_Accepted()
    {
        var printable = new string([.. Enumerable.Range('!', '~' - '!' + 1).Select(c => (char)c).Where(c => c is not ('"' or '\\'))]);
        var token = await Docker(_ => Json($$"""{"token":"{{printable}}"}""")).FetchAsync(Challenge("https://a.test/t", null), [], default);
        Assert.Equal(printable, token.Value);
    }

    [Fact]
    public async Task DockerFetch_EndpointRefuses_TheRegistrysErrorWithItsKind()
    {
        var e = await Assert.ThrowsAsync<RegistryRequestException>(() =>
            Docker(_ => new HttpResponseMessage(HttpStatusCode.Forbidden)).FetchAsync(Challenge("https://a.test/t", null), [], default));
        Assert.Equal(FailureKind.Unauthorized, e.Kind);
    }

    [Fact]
    public async Task DockerFetch_AnswerOverTheLimit_InvalidInputNamingTheEndpoint()
    {
        var big = Json($$"""{"token":"{{new string('a', TokenEndpoint.MaxResponseBytes)}}"}""");
        var e = await Assert.ThrowsAsync<ImageWarmerException>(() => Docker(_ => big).FetchAsync(Challenge("https://a.test/t?x=1", null), [], default));

        Assert.Equal(FailureKind.InvalidInput, e.Kind);
        Assert.Contains($"token endpoint https://a.test/t answered with more than {TokenEndpoint.MaxResponseBytes:N0} bytes", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/token")]
    [InlineData("ftp://a.test/token")]
    public async Task Fetch_RealmNotHttp_RefusedNothingSent(string? realm)
    {
        var stub = new StubHttpMessageHandler(_ => Json("""{"token":"t","access_token":"t","refresh_token":"r"}"""));
        var endpoint = new TokenEndpoint(new HttpClient(stub), _time);
        var parameters = realm is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["realm"] = realm };
        var challenge = new AuthChallenge("Bearer", parameters);

        var docker = await Assert.ThrowsAsync<ImageWarmerException>(() => new DockerTokenSource(endpoint, "r.io", null, null).FetchAsync(challenge, [], default));
        var acr = await Assert.ThrowsAsync<ImageWarmerException>(() => new AcrExchangeTokenSource(endpoint, Entra(), "r.io").FetchAsync(challenge, [], default));

        Assert.Equal((FailureKind.Refused, FailureKind.Refused), (docker.Kind, acr.Kind));
        Assert.Contains("names no http(s) realm", docker.Message, StringComparison.Ordinal);
        Assert.Contains("names no http(s) realm", acr.Message, StringComparison.Ordinal);
        Assert.Empty(stub.Requests);
    }

    // One source serves one registry name; its refresh tokens are kept per realm and service all the same, so that an
    // endpoint answered by two ACRs (or a registry that moves its realm) never gets another one's refresh token.
    [Fact]
    public async Task AcrFetch_TwoRealms_EachExchangedOnce_EachRefreshTokenGoesOnlyToItsOwnRealm()
    {
        var stub = new StubHttpMessageHandler(request => request.RequestUri!.AbsolutePath == "/oauth2/exchange"
            ? Json($$"""{"refresh_token":"refresh-of-{{request.RequestUri.Host}}"}""")
            : Json($$"""{"access_token":"access-of-{{request.RequestUri.Host}}"}"""));
        var source = new AcrExchangeTokenSource(new TokenEndpoint(new HttpClient(stub), _time), Entra(), "myacr.azurecr.io");

        foreach (var host in new[] { "one.azurecr.io", "two.azurecr.io", "one.azurecr.io", "two.azurecr.io" })
        {
            var token = await source.FetchAsync(Challenge($"https://{host}/oauth2/token", host), ["repository:a:pull"], default);
            Assert.Equal($"access-of-{host}", token.Value);
        }

        Assert.Equal(["https://one.azurecr.io/oauth2/exchange", "https://two.azurecr.io/oauth2/exchange"],
            stub.Requests.Where(r => r.Uri.AbsolutePath == "/oauth2/exchange").Select(r => r.Uri.AbsoluteUri));
        Assert.All(stub.Requests.Where(r => r.Uri.AbsolutePath == "/oauth2/token"),
            r => Assert.Contains($"refresh_token=refresh-of-{r.Uri.Host}&", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AcrFetch_TwoServicesOnOneRealm_ExchangedOncePerService()
    {
        var exchanges = 0;
        var stub = new StubHttpMessageHandler(request => request.RequestUri!.AbsolutePath == "/oauth2/exchange"
            ? Json($$"""{"refresh_token":"refresh-{{++exchanges}}"}""")
            : Json("""{"access_token":"access"}"""));
        var source = new AcrExchangeTokenSource(new TokenEndpoint(new HttpClient(stub), _time), Entra(), "myacr.azurecr.io");

        await source.FetchAsync(Challenge("https://myacr.azurecr.io/oauth2/token", "one"), [], default);
        await source.FetchAsync(Challenge("https://myacr.azurecr.io/oauth2/token", "two"), [], default);

        Assert.Equal(
            ["grant_type=refresh_token&service=one&refresh_token=refresh-1", "grant_type=refresh_token&service=two&refresh_token=refresh-2"],
            stub.Requests.Where(r => r.Uri.AbsolutePath == "/oauth2/token").Select(r => r.Body));
    }

    [Fact]
    public async Task AcrFetch_NoServiceNoJwt_ServiceIsTheRealmHost_AccessTokenKeptFiveMinutesLessThirtySeconds()
    {
        var stub = new StubHttpMessageHandler(request => request.RequestUri!.AbsolutePath == "/oauth2/exchange"
            ? Json("""{"refresh_token":"r"}""")
            : Json("""{"access_token":"a"}"""));
        var source = new AcrExchangeTokenSource(new TokenEndpoint(new HttpClient(stub), _time), Entra(), "myacr.azurecr.io");

        var token = await source.FetchAsync(Challenge("https://myacr.azurecr.io/oauth2/token?x=1", null), ["repository:a:pull", "repository:b:pull"], default);

        Assert.Equal(Now + TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(30), token.ExpiresAt);
        Assert.Equal(
        [
            "POST https://myacr.azurecr.io/oauth2/exchange grant_type=access_token&service=myacr.azurecr.io&access_token=entra-token",
            "POST https://myacr.azurecr.io/oauth2/token?x=1 grant_type=refresh_token&service=myacr.azurecr.io&refresh_token=r&scope=repository%3Aa%3Apull&scope=repository%3Ab%3Apull",
        ], stub.Requests.Select(r => $"{r.Method} {r.Uri.AbsoluteUri} {r.Body}"));
    }

    [Fact]
    public async Task AcrFetch_RefreshTokenWithoutJwt_KeptUntilTheEntraTokenExpires()
    {
        var exchanges = 0;
        var stub = new StubHttpMessageHandler(request => request.RequestUri!.AbsolutePath == "/oauth2/exchange"
            ? Json($$"""{"refresh_token":"r{{++exchanges}}"}""")
            : Json("""{"access_token":"a"}"""));
        var source = new AcrExchangeTokenSource(new TokenEndpoint(new HttpClient(stub), _time), Entra(TimeSpan.FromHours(1)), "myacr.azurecr.io");
        var challenge = Challenge("https://myacr.azurecr.io/oauth2/token", "myacr.azurecr.io");

        await source.FetchAsync(challenge, [], default);
        _time.Advance(TimeSpan.FromMinutes(59)); // 1 h less 30 s is when it stops being used
        await source.FetchAsync(challenge, [], default);
        _time.Advance(TimeSpan.FromMinutes(1));
        await source.FetchAsync(challenge, [], default);

        Assert.Equal(["r1", "r1", "r2"], stub.Requests.Where(r => r.Uri.AbsolutePath == "/oauth2/token")
            .Select(r => r.Body!.Split("refresh_token=")[1]));
    }

    // ACR's tokens are JWTs: their own exp says when to stop using them, not the defaults.
    [Fact]
    public async Task AcrFetch_AccessTokenIsAJwt_KeptUntilItsExpLessATenth()
    {
        var stub = new StubHttpMessageHandler(request => request.RequestUri!.AbsolutePath == "/oauth2/exchange"
            ? Json("""{"refresh_token":"r"}""")
            : Json($$"""{"access_token":"{{Jwt(Now.AddMinutes(2))}}"}"""));
        var source = new AcrExchangeTokenSource(new TokenEndpoint(new HttpClient(stub), _time), Entra(), "myacr.azurecr.io");

        var token = await source.FetchAsync(Challenge("https://myacr.azurecr.io/oauth2/token", "s"), [], default);

        Assert.Equal(Now.AddMinutes(2).AddSeconds(-12), token.ExpiresAt);
    }

    [Fact]
    public async Task AcrFetch_RefreshTokenIsAJwt_ExchangedAgainAtItsExpNotTheEntraTokens()
    {
        var exchanges = 0;
        var stub = new StubHttpMessageHandler(request => request.RequestUri!.AbsolutePath == "/oauth2/exchange"
            ? Json($$"""{"refresh_token":"{{Jwt(_time.GetUtcNow().AddMinutes(10))}}","n":{{++exchanges}}}""")
            : Json("""{"access_token":"a"}"""));
        var source = new AcrExchangeTokenSource(new TokenEndpoint(new HttpClient(stub), _time), Entra(TimeSpan.FromHours(1)), "myacr.azurecr.io");
        var challenge = Challenge("https://myacr.azurecr.io/oauth2/token", "s");

        await source.FetchAsync(challenge, [], default);
        _time.Advance(TimeSpan.FromMinutes(9));
        await source.FetchAsync(challenge, [], default);
        Assert.Equal(1, exchanges);
        _time.Advance(TimeSpan.FromMinutes(1));
        await source.FetchAsync(challenge, [], default);

        Assert.Equal(2, exchanges);
    }

    [Theory]
    [InlineData("/oauth2/exchange", "answered without a refresh_token")]
    [InlineData("/oauth2/token", "answered without an access_token")]
    public async Task AcrFetch_AnswerWithoutItsToken_InvalidInput(string emptyAt, string reason)
    {
        var stub = new StubHttpMessageHandler(request => request.RequestUri!.AbsolutePath == emptyAt ? Json("""{"token":"t"}""")
            : Json("""{"refresh_token":"r","access_token":"a"}"""));
        var source = new AcrExchangeTokenSource(new TokenEndpoint(new HttpClient(stub), _time), Entra(), "myacr.azurecr.io");

        var e = await Assert.ThrowsAsync<ImageWarmerException>(() => source.FetchAsync(Challenge("https://myacr.azurecr.io/oauth2/token", "s"), [], default));

        Assert.Equal(FailureKind.InvalidInput, e.Kind);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AcrSource_SaysWhoItIs_AndThatItsRealmMustBeTheRegistrysHost()
    {
        var source = new AcrExchangeTokenSource(Endpoint(_ => Json("{}")), Entra(), "myacr.azurecr.io");

        Assert.Equal((AcrExchangeTokenSource.EntraId, "myacr.azurecr.io|entra-id", true, true, null),
            (source.DisplayName, source.CacheIdentity, source.CarriesCredential, source.RealmMustBeRegistryHost, source.BasicAuthorization));
        Assert.False(new DockerTokenSource(Endpoint(_ => Json("{}")), "r.io", "u", "p").RealmMustBeRegistryHost);
    }

    [Fact]
    public void Token_JwtExpiry_ReadOnlyWhenAsked_AndAPastOneIsAlreadyExpired()
    {
        var endpoint = Endpoint(_ => Json("{}"));
        var jwt = Jwt(Now.AddMinutes(-10));

        Assert.Equal(Now.AddMinutes(-10), endpoint.Token(jwt, TimeSpan.FromHours(1), readJwtExpiry: true).ExpiresAt);
        Assert.Equal(Now.AddHours(1).AddSeconds(-30), endpoint.Token(jwt, TimeSpan.FromHours(1)).ExpiresAt);
        Assert.Equal(Now.AddMinutes(20).AddSeconds(-30), endpoint.Token(Jwt(Now.AddMinutes(20)), TimeSpan.FromHours(1), readJwtExpiry: true).ExpiresAt);
    }

    private DockerTokenSource Docker(Func<HttpRequestMessage, HttpResponseMessage> respond) =>
        new(Endpoint(respond), "registry.example.com", null, null);

    private TokenEndpoint Endpoint(Func<HttpRequestMessage, HttpResponseMessage> respond) =>
        new(new HttpClient(new StubHttpMessageHandler(respond)), _time);

    private HttpClient AuthClient(StubHttpMessageHandler stub)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new RegistryOptions());
        var sources = new TokenSources(new HttpClient(stub), Entra(), _time, options,
            new RealmPolicy(options, Microsoft.Extensions.Logging.Abstractions.NullLogger<RealmPolicy>.Instance));
        return new HttpClient(new RegistryAuthHandler(sources, new TokenCache(_time), new RegistryEndpoints(options)) { InnerHandler = stub });
    }

    private TokenCredential Entra(TimeSpan? lifetime = null)
    {
        var entra = Substitute.For<TokenCredential>();
        entra.GetTokenAsync(Arg.Any<TokenRequestContext>(), Arg.Any<CancellationToken>())
            .Returns(_ => new AccessToken("entra-token", _time.GetUtcNow() + (lifetime ?? TimeSpan.FromHours(1))));
        return entra;
    }

    private static AuthChallenge Challenge(string realm, string? service)
    {
        var parameters = new Dictionary<string, string> { ["realm"] = realm };
        if (service is not null)
        {
            parameters["service"] = service;
        }
        return new AuthChallenge("Bearer", parameters);
    }

    private static HttpResponseMessage Challenged()
    {
        var refused = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        refused.Headers.WwwAuthenticate.ParseAdd("Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\",scope=\"repository:team/app:pull\"");
        return refused;
    }

    private static HttpResponseMessage Json(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static string Jwt(DateTimeOffset expires)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Part("{\"alg\":\"none\"}")}.{Part($"{{\"exp\":{expires.ToUnixTimeSeconds()}}}")}.sig";
    }
}
