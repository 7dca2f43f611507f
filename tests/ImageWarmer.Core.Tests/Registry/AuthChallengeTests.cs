using ImageWarmer.Core.Registry.Auth;

namespace ImageWarmer.Core.Tests.Registry;

public sealed class AuthChallengeTests
{
    [Fact]
    public void ParseParameters_DockerHubChallenge_ReadsRealmServiceScope()
    {
        var parameters = AuthChallenge.ParseParameters(
            "realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/nginx:pull\"");
        var challenge = new AuthChallenge("Bearer", parameters);

        Assert.True(challenge.IsBearer);
        Assert.Equal("https://auth.docker.io/token", challenge.Realm);
        Assert.Equal("registry.docker.io", challenge.Service);
        Assert.Equal(["repository:library/nginx:pull"], challenge.Scopes);
    }

    [Theory]
    [InlineData("realm=\"a,b\", service=x", "a,b", "x")]
    [InlineData("realm=\"say \\\"hi\\\"\",service=\"s\"", "say \"hi\"", "s")]
    [InlineData("realm=https://r/token,service=svc", "https://r/token", "svc")]
    [InlineData("  realm = \"r\" ,  service = \"s\"  ", "r", "s")]
    [InlineData("REALM=\"r\",Service=\"s\"", "r", "s")]
    public void ParseParameters_QuotingAndSpacing_Handled(string text, string realm, string service)
    {
        var challenge = new AuthChallenge("Bearer", AuthChallenge.ParseParameters(text));
        Assert.Equal((realm, service), (challenge.Realm, challenge.Service));
    }

    // A header cut short (ending in '=', an unclosed quote, a trailing backslash) is read as far as it goes, never
    // thrown on: a hostile registry must not take the plan down with an IndexOutOfRangeException.
    [Theory]
    [InlineData("realm=", "", null)]
    [InlineData("realm=\"https://r/token", "https://r/token", null)]
    [InlineData("realm=\"https://r/token\\", "https://r/token\\", null)]
    [InlineData("service=s,realm=", "", "s")]
    [InlineData("realm=\"r\",service=", "r", "")]
    [InlineData("realm=\"r\",service=\"", "r", "")]
    [InlineData("realm=\"r\",service", "r", null)]
    [InlineData("realm=r,,,service=s", "r", "s")]
    [InlineData("=x,realm=r", "r", null)]
    [InlineData("", null, null)]
    public void ParseParameters_CutShortOrMalformed_ReadAsFarAsItGoes(string text, string? realm, string? service)
    {
        var parameters = AuthChallenge.ParseParameters(text);
        Assert.Equal((realm, service), (parameters.GetValueOrDefault("realm"), parameters.GetValueOrDefault("service")));
        Assert.DoesNotContain("", parameters.Keys);
    }

    [Fact]
    public void FromResponse_HeaderEndingInEquals_ChallengeWithAnEmptyRealm()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized);
        Assert.True(response.Headers.TryAddWithoutValidation("WWW-Authenticate", "Bearer realm="));

        var challenge = Assert.Single(AuthChallenge.FromResponse(response));

        Assert.Equal((true, false, ""), (challenge.IsBearer, challenge.IsBasic, challenge.Realm));
        Assert.False(challenge.TryGetRealmUri(out _));
    }

    [Theory]
    [InlineData("https://auth.example.com/token", true)]
    [InlineData("http://127.0.0.1:5000/token", true)]
    [InlineData("/token", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("ftp://auth.example.com/token", false)]
    [InlineData("", false)]
    public void TryGetRealmUri_AbsoluteHttpOnly(string realm, bool ok)
    {
        var challenge = new AuthChallenge("Bearer", new Dictionary<string, string> { ["realm"] = realm });
        Assert.Equal(ok, challenge.TryGetRealmUri(out var uri));
        Assert.Equal(ok ? realm : null, uri?.OriginalString);
    }

    [Fact]
    public void Challenge_SchemeIgnoresCase_AndNoRealmIsNoUri()
    {
        var basic = new AuthChallenge("basic", new Dictionary<string, string>());
        Assert.Equal((true, false, null, null), (basic.IsBasic, basic.IsBearer, basic.Realm, basic.Service));
        Assert.False(basic.TryGetRealmUri(out _));
        Assert.Empty(basic.Scopes);
        Assert.True(new AuthChallenge("BEARER", new Dictionary<string, string>()).IsBearer);
    }

    [Fact]
    public void Scopes_SeveralInOneParameter_AreSplit()
    {
        var challenge = new AuthChallenge("Bearer", AuthChallenge.ParseParameters(
            "realm=\"r\",scope=\"repository:a/b:pull,push repository:c/d:pull\""));
        Assert.Equal(["repository:a/b:pull,push", "repository:c/d:pull"], challenge.Scopes);
    }

    [Theory]
    [InlineData("GET", "https://r.io/v2/library/nginx/manifests/1.27", "repository:library/nginx:pull")]
    [InlineData("HEAD", "https://r.io/v2/a/b/c/blobs/sha256:abc", "repository:a/b/c:pull")]
    [InlineData("POST", "https://r.io/v2/team/app/blobs/uploads/", "repository:team/app:pull,push")]
    [InlineData("PUT", "https://r.io/v2/team/manifests/manifests/v1", "repository:team/manifests:pull,push")]
    [InlineData("GET", "https://r.io/v2/team/app/tags/list?n=10", "repository:team/app:pull")]
    [InlineData("GET", "https://r.io/v2/", null)]
    public void RegistryScope_RequestPath_GivesRepositoryScope(string method, string uri, string? expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), uri);
        Assert.Equal(expected, RegistryScope.For(request));
    }
}
