using System.Net;
using System.Text;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Tests.Registry;

/// <summary>Protocol details a local docker-registry does not exercise (error bodies of other registries, odd Link headers).</summary>
public sealed class RegistryClientTests
{
    [Fact]
    public async Task TryResolve_ErrorBody_MapsToTypedExceptionWithCodes()
    {
        var client = Client(_ => Error(HttpStatusCode.TooManyRequests,
            """{"errors":[{"code":"TOOMANYREQUESTS","message":"You have reached your pull rate limit."}]}"""));

        var e = await Assert.ThrowsAsync<RegistryRequestException>(() => client.TryResolveAsync(ImageReference.Parse("registry.test/library/nginx:1")));

        Assert.True(e.Has(RegistryErrorCodes.TooManyRequests));
        Assert.Contains("429 TOOMANYREQUESTS: You have reached your pull rate limit.", e.Message, StringComparison.Ordinal);
        Assert.Contains("http://registry.test/v2/library/nginx/manifests/1", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"},{"code":"UNAUTHORIZED"}]}""", "DENIED,UNAUTHORIZED")]
    [InlineData("<html>Bad gateway</html>", "")]
    [InlineData("""{"errors":"not a list"}""", "")]
    [InlineData("", "")]
    public async Task TryResolve_AnyErrorBody_NeverThrowsAnythingElse(string body, string codes)
    {
        var client = Client(_ => Error(HttpStatusCode.Forbidden, body));

        var e = await Assert.ThrowsAsync<RegistryRequestException>(() => client.TryResolveAsync(ImageReference.Parse("registry.test/a:1")));

        Assert.Equal(codes, string.Join(',', e.Codes));
        Assert.Equal(HttpStatusCode.Forbidden, e.Status);
    }

    [Fact]
    public async Task TryResolve_NotFound_IsNullNotAnError()
    {
        var client = Client(_ => Error(HttpStatusCode.NotFound, """{"errors":[{"code":"MANIFEST_UNKNOWN"}]}"""));
        Assert.Null(await client.TryResolveAsync(ImageReference.Parse("registry.test/a:1")));
    }

    [Fact]
    public async Task TryResolve_Found_DescriptorFromHeaders_AcceptListsEveryManifestType()
    {
        string? accept = null;
        var client = Client(request =>
        {
            accept = string.Join(", ", request.Headers.Accept);
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
            response.Headers.TryAddWithoutValidation("Docker-Content-Digest", "sha256:" + new string('b', 64));
            response.Content.Headers.TryAddWithoutValidation("Content-Type", MediaTypes.DockerManifestList);
            response.Content.Headers.ContentLength = 1234;
            return response;
        });

        var descriptor = await client.TryResolveAsync(ImageReference.Parse("registry.test/a:1"));

        Assert.Equal(new Descriptor(MediaTypes.DockerManifestList, "sha256:" + new string('b', 64), 1234), descriptor);
        Assert.Equal(MediaTypes.ManifestAccept, accept);
    }

    [Fact]
    public async Task ListTags_LinkHeaders_FollowsEveryPage()
    {
        var client = Client(request =>
        {
            var last = request.RequestUri!.Query.Contains("last=b", StringComparison.Ordinal) ? 2 : request.RequestUri.Query.Contains("last=", StringComparison.Ordinal) ? 1 : 0;
            var (tags, link) = last switch
            {
                0 => ("""["a"]""", "</v2/team/app/tags/list?n=1&last=a>; rel=\"next\""),
                1 => ("""["b"]""", "</v2/team/app/tags/list?n=1&last=b>; rel=next"),
                _ => ("""["c"]""", null),
            };
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent($$"""{"name":"team/app","tags":{{tags}}}""") };
            if (link is not null)
            {
                response.Headers.TryAddWithoutValidation("Link", link);
            }
            return response;
        });

        var tags = new List<string>();
        await foreach (var tag in client.ListTagsAsync(new RepositoryRef("registry.test", "team/app"), pageSize: 1))
        {
            tags.Add(tag);
        }

        Assert.Equal(["a", "b", "c"], tags);
    }

    [Fact]
    public async Task TryGetManifest_DigestMismatch_Refused()
    {
        var client = Client(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""{"schemaVersion":2}""", Encoding.UTF8, MediaTypes.OciManifest),
        });

        var e = await Assert.ThrowsAsync<DigestMismatchException>(() =>
            client.TryGetManifestAsync(ImageReference.Parse("registry.test/a@sha256:" + new string('c', 64))));
        Assert.Contains("has digest sha256:", e.Message, StringComparison.Ordinal);
        Assert.Equal(FailureKind.Integrity, e.Kind);
    }

    private static RegistryClient Client(Func<HttpRequestMessage, HttpResponseMessage> respond) =>
        new(new HttpClient(new StubHttpMessageHandler(respond)),
            new RegistryEndpoints(Options.Create(new RegistryOptions { Insecure = ["registry.test"] })));

    private static HttpResponseMessage Error(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
