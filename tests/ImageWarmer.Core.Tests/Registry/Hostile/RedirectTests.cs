using System.Net;
using System.Text;
using System.Text.Json;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Registry.Auth;
using ImageWarmer.Core.Warming;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using static ImageWarmer.Core.Tests.Registry.Hostile.HostileRegistry;
using Reply = ImageWarmer.Testing.HostileServer.Reply;
using Request = ImageWarmer.Testing.HostileServer.Request;

namespace ImageWarmer.Core.Tests.Registry.Hostile;

/// <summary>Docker Hub sends blob GETs to a CDN host. A hostile one answers 401 with a challenge of its own: it must get
/// neither the registry's token nor its credentials, its challenge must not become the registry's, and the blob fails
/// saying so (and is retried as the request to the registry it was).</summary>
[Collection(TestServersCollection.Name)]
public sealed class RedirectTests
{
    private const string Signature = "sig=s3cr3t-signature";
    private static readonly byte[] Config = Encoding.UTF8.GetBytes("""{"architecture":"amd64","os":"linux"}""");
    private static readonly byte[] Layer = Encoding.UTF8.GetBytes("a layer the CDN never hands over");
    private static readonly byte[] Manifest = JsonSerializer.SerializeToUtf8Bytes(new
    {
        schemaVersion = 2,
        mediaType = MediaTypes.OciManifest,
        config = new { mediaType = MediaTypes.OciConfig, digest = Digests.Sha256(Config), size = Config.Length },
        layers = new[] { new { mediaType = MediaTypes.OciLayerGzip, digest = Digests.Sha256(Layer), size = Layer.Length } },
    });

    [Fact]
    public async Task Warm_BlobRedirectedToAHostThatAnswers401_NothingOfTheRegistrysReachesIt_ImageFailsSayingSo()
    {
        await using var cdn = HostileServer.Start(Cdn);
        HostileServer? self = null;
        await using var registry = self = HostileServer.Start(r => Registry(r, self!.Url, cdn.Url));
        var logs = new CapturedLogs();
        using var services = Build("docker.io", registry.Url, logs);
        var repository = $"h{Guid.NewGuid():n}"[..12] + "/app";
        Assert.True(TargetImage.TryCreate(repository, "1", out var target, out _));
        var spec = new ImportSpec(Image("docker.io"), target, [new ImageOrigin("Dockerfile", 1, ManifestKind.Dockerfile)]);

        var report = await services.GetRequiredService<WarmService>().WarmAsync([spec], TestServices.TargetRegistry);

        var item = Assert.Single(report.Items);
        Assert.Equal(WarmStatus.Failed, item.After);
        Assert.Equal(FailureKind.Transient, item.FailureKind);
        Assert.Contains($"was redirected to {cdn.Url}/cdn/layer, which answered 401", item.Error, StringComparison.Ordinal);
        Assert.Contains("a redirect target gets none of the registry's credentials", item.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Signature, item.Error, StringComparison.Ordinal);
        // Retried as the request it was: each try asked the registry, which redirected again.
        var layerGets = registry.Seen.Count(r => r.Method == "GET" && r.Path.EndsWith(Digests.Sha256(Layer), StringComparison.Ordinal)
            && r.Authorization == $"Bearer token-for-{Password}");
        Assert.Equal(3, layerGets);
        Assert.Equal(3, cdn.Seen.Count);
        Assert.All(cdn.Seen, r => Assert.Equal(("GET", null), (r.Method, r.Authorization)));
        Assert.DoesNotContain(cdn.Seen, r => r.Path == "/token");
    }

    [Fact]
    public async Task Resolve_AfterABlobRedirectedTo401_TheRegistrysOwnChallengeStillAnswered()
    {
        await using var cdn = HostileServer.Start(Cdn);
        HostileServer? self = null;
        await using var registry = self = HostileServer.Start(r => Registry(r, self!.Url, cdn.Url));
        using var services = Build("docker.io", registry.Url, new CapturedLogs());
        var client = services.GetRequiredService<RegistryClient>();

        var e = await Assert.ThrowsAsync<RegistryRequestException>(() => client.OpenBlobAsync(new RepositoryRef("docker.io", "team/app"), Digests.Sha256(Layer)));
        var manifest = await client.TryResolveAsync(Image("docker.io"));

        Assert.Equal((HttpStatusCode.Unauthorized, FailureKind.Transient), (e.Status, e.Kind));
        Assert.Equal(Digests.Sha256(Manifest), manifest?.Digest);
        Assert.Equal($"Bearer token-for-{Password}", registry.Seen[^1].Authorization);
        Assert.Single(registry.Seen, r => r.Path == "/token");
        Assert.All(cdn.Seen, r => Assert.Null(r.Authorization));
    }

    // What SocketsHttpHandler does when it follows a redirect itself (the registry client turns that off): it drops
    // Authorization; and the auth handler does not take the redirect target's 401 for the registry's challenge.
    [Fact]
    public async Task AuthHandler_RedirectFollowedBelowIt_TargetGetsNoAuthorization_ItsChallengeIgnored()
    {
        await using var cdn = HostileServer.Start(Cdn);
        HostileServer? self = null;
        await using var registry = self = HostileServer.Start(r => Registry(r, self!.Url, cdn.Url));
        var options = Options.Create(new RegistryOptions
        {
            Endpoints = [new() { Registry = "docker.io", Url = registry.Url }],
            Credentials = [new() { Registry = "docker.io", Username = Username, Password = Password }],
        });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sources = new TokenSources(new HttpClient(), Substitute.For<Azure.Core.TokenCredential>(), time, options,
            new RealmPolicy(options, NullLogger<RealmPolicy>.Instance));
        using var http = new HttpClient(new RegistryAuthHandler(sources, new TokenCache(time), new RegistryEndpoints(options))
        {
            InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = true },
        });

        using var response = await http.GetAsync($"{registry.Url}/v2/team/app/blobs/{Digests.Sha256(Layer)}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(cdn.Address, response.RequestMessage!.RequestUri!.Authority);
        Assert.Single(cdn.Seen);
        Assert.All(cdn.Seen, r => Assert.Null(r.Authorization));
    }

    private static Reply Cdn(Request request) => request.Path == "/token"
        ? Reply.Json("""{"token":"cdn-token"}""")
        : Reply.Challenge($"http://{request.Host}/token", "cdn", "blob:read");

    private static Reply Registry(Request request, string self, string cdn)
    {
        if (request.Path == "/token")
        {
            return Realm(request);
        }
        if (request.Authorization != $"Bearer token-for-{Password}")
        {
            return Reply.Challenge($"{self}/token", "hostile", "repository:team/app:pull");
        }
        // By tag (the plan's HEAD) and by digest (the import fetches the digest the plan saw).
        if (request.Path.EndsWith("/manifests/1", StringComparison.Ordinal) || request.Path.EndsWith($"/manifests/{Digests.Sha256(Manifest)}", StringComparison.Ordinal))
        {
            return new Reply(200, Manifest, new Dictionary<string, string>
            {
                ["Content-Type"] = MediaTypes.OciManifest,
                ["Docker-Content-Digest"] = Digests.Sha256(Manifest),
            });
        }
        if (request.Path.EndsWith(Digests.Sha256(Config), StringComparison.Ordinal))
        {
            return new Reply(200, Config);
        }
        return request.Path.EndsWith(Digests.Sha256(Layer), StringComparison.Ordinal)
            ? Reply.Redirect($"{cdn}/cdn/layer?{Signature}")
            : Reply.NotFound();
    }
}
