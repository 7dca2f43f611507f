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
