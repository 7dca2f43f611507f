using System.Net;
using System.Text;
using System.Text.Json;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Importing.Referrers;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Tests.Importing.Referrers;

/// <summary>The referrers API as registries that have it answer (docker-registry 2.8 does not: a stub plays them), its
/// answers read as untrusted input, and the fallback index a client keeps.</summary>
public sealed class ReferrersApiTests
{
    private static readonly string Subject = "sha256:" + new string('a', 64);
    private static readonly string First = "sha256:" + new string('b', 64);
    private static readonly string Second = "sha256:" + new string('c', 64);

    [Fact]
    public async Task TryListReferrers_PagedIndex_EveryDescriptorWithItsArtifactType()
    {
        var stub = new StubHttpMessageHandler(request => request.RequestUri!.Query.Contains("last=", StringComparison.Ordinal)
            ? Index($$"""{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{Second}}","size":7}""")
            : Index($$"""{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{First}}","size":5,"artifactType":"application/spdx+json"}""",
                link: $"</v2/team/app/referrers/{Subject}?last=1>; rel=\"next\""));

        var referrers = await Client(stub).TryListReferrersAsync(new RepositoryRef("registry.test", "team/app"), Subject);

        Assert.Equal([(First, "application/spdx+json"), (Second, null)], referrers!.Select(r => (r.Digest, r.ArtifactType)));
        Assert.Equal($"GET http://registry.test/v2/team/app/referrers/{Subject}", stub.Requests[0].ToString());
    }

    [Fact]
    public async Task TryListReferrers_NotFound_MeansNoApi()
    {
        var client = Client(new StubHttpMessageHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("404 page not found") }));

        Assert.Null(await client.TryListReferrersAsync(new RepositoryRef("registry.test", "team/app"), Subject));
    }

    [Theory]
    [InlineData("""{"manifests":[{"mediaType":"x","digest":"sha256:../../etc","size":1}]}""")]
    [InlineData("""{"manifests":[{"mediaType":"x","digest":"sha256:aaaa","size":-1}]}""")]
    [InlineData("""{"manifests":"none"}""")]
    [InlineData("""[1,2,3]""")]
    public async Task TryListReferrers_HostileAnswer_FailsAsInvalidInput(string body)
    {
        var client = Client(new StubHttpMessageHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) }));

        var e = await Assert.ThrowsAsync<ImageWarmerException>(() => client.TryListReferrersAsync(new RepositoryRef("registry.test", "team/app"), Subject));

        Assert.Equal(FailureKind.InvalidInput, e.Kind);
    }

    [Fact]
    public void Merge_KeepsWhatTheIndexHasAsItHasIt_AddsEachNewReferrerOnce()
    {
        var existing = Encoding.UTF8.GetBytes($$$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"m","digest":"{{{First}}}","size":5,"annotations":{"a":"b"}}]}
            """);

        var merged = ReferrersIndex.Merge(existing, [new Descriptor("m", First, 5), new Descriptor("m", Second, 7) { ArtifactType = "t" }, new Descriptor("m", Second, 7)]);

        using var json = JsonDocument.Parse(merged);
        var manifests = json.RootElement.GetProperty("manifests").EnumerateArray().ToList();
        Assert.Equal([First, Second], manifests.Select(m => m.GetProperty("digest").GetString()));
        Assert.Equal("b", manifests[0].GetProperty("annotations").GetProperty("a").GetString());
        Assert.Equal("t", manifests[1].GetProperty("artifactType").GetString());
        using var fresh = JsonDocument.Parse(ReferrersIndex.Merge(null, [new Descriptor("m", First, 5)]));
        Assert.Equal((2, MediaTypes.OciIndex), (fresh.RootElement.GetProperty("schemaVersion").GetInt32(), fresh.RootElement.GetProperty("mediaType").GetString()));
    }

    [Theory]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "sha256-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("sha512:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "sha512-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Fallback_TagSchema_AlgorithmAndHexCut(string digest, string tag)
    {
        Assert.Equal(tag, ReferrerTags.Fallback(digest));
        Assert.Equal([tag + ".sig", tag + ".att", tag + ".sbom"], ReferrerTags.Cosign(digest));
    }

    private static RegistryClient Client(StubHttpMessageHandler stub) =>
        new(new HttpClient(stub), new RegistryEndpoints(Options.Create(new RegistryOptions { Insecure = ["registry.test"] })));

    private static HttpResponseMessage Index(string manifests, string? link = null)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent($$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{{manifests}}]}"""),
        };
        if (link is not null)
        {
            response.Headers.TryAddWithoutValidation("Link", link);
        }
        return response;
    }
}
