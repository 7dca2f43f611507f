using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Importing;
using ImageWarmer.Core.Importing.Acr;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace ImageWarmer.Core.Tests.Importing;

/// <summary>ARM cannot run here: a stub transport replays what ARM answers, and the tests assert the exact requests.</summary>
public sealed class AcrImportImporterTests
{
    private const string Arm = "https://management.azure.test";
    private const string RegistryId = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/myacr";
    private const string ImportUri = Arm + RegistryId + "/importImage?api-version=2025-11-01";
    private const string Operation = Arm + "/subscriptions/0000/providers/Microsoft.ContainerRegistry/locations/westeurope/operationResults/op1";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));
    private readonly RegistryOptions _registryOptions = new();
    private readonly TokenCredential _credential = Substitute.For<TokenCredential>();

    public AcrImportImporterTests() =>
        _credential.GetTokenAsync(Arg.Any<TokenRequestContext>(), Arg.Any<CancellationToken>())
            .Returns(new AccessToken("arm-token", DateTimeOffset.UtcNow.AddHours(1)));

    [Fact]
    public async Task Import_Accepted_PollsLocationHonouringRetryAfterUntilDone()
    {
        var polls = 0;
        var (importer, stub) = Build(request => request.Method == HttpMethod.Post
            ? Accepted(Operation, retryAfter: 10)
            : ++polls < 3 ? Accepted(null, retryAfter: 10) : new HttpResponseMessage(HttpStatusCode.OK));

        var result = await Run(importer.ImportAsync(Request("docker.io/sonatype/nexus3:3.77.2", "sonatype/nexus3:3.77.2")));

        Assert.False(result.AlreadyPresent);
        Assert.Equal([$"POST {ImportUri}", $"GET {Operation}", $"GET {Operation}", $"GET {Operation}"], stub.Requests.Select(r => r.ToString()));
        Assert.Equal(
            """{"source":{"registryUri":"docker.io","sourceImage":"sonatype/nexus3:3.77.2"},"targetTags":["sonatype/nexus3:3.77.2"],"mode":"NoForce"}""",
            stub.Requests[0].Body);
        Assert.All(stub.Requests, r => Assert.Equal("Bearer arm-token", r.Authorization));
        await _credential.Received().GetTokenAsync(
            Arg.Is<TokenRequestContext>(c => c.Scopes.Single() == Arm + "/.default"), Arg.Any<CancellationToken>());
        Assert.True(_time.GetUtcNow() - new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero) >= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Import_OfficialImagePinnedWithCredentialsAndReimport_BodySaysSo()
    {
        _registryOptions.Credentials.Add(new RegistryCredentialOptions { Registry = "docker.io", Username = "warmer", Password = "dckr_pat_x" });
        var (importer, stub) = Build(_ => new HttpResponseMessage(HttpStatusCode.OK));
        var digest = "sha256:" + new string('d', 64);

        await Run(importer.ImportAsync(Request($"alpine:3.20@{digest}", "tools/alpine:3.20") with { Overwrite = true }));

        using var body = JsonDocument.Parse(stub.Requests[0].Body!);
        var source = body.RootElement.GetProperty("source");
        Assert.Equal("docker.io", source.GetProperty("registryUri").GetString());
        Assert.Equal($"library/alpine@{digest}", source.GetProperty("sourceImage").GetString());
        Assert.Equal(("warmer", "dckr_pat_x"), (source.GetProperty("credentials").GetProperty("username").GetString(),
            source.GetProperty("credentials").GetProperty("password").GetString()));
        Assert.Equal("tools/alpine:3.20", body.RootElement.GetProperty("targetTags")[0].GetString());
        Assert.Equal("Force", body.RootElement.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Import_NoForceConflict_IsAlreadyPresentNotAFailure()
    {
        var (importer, _) = Build(_ => Error(HttpStatusCode.Conflict, "Conflict",
            "Tag sonatype/nexus3:3.77.2 already exists in target registry."));

        var result = await Run(importer.ImportAsync(Request("sonatype/nexus3:3.77.2", "sonatype/nexus3:3.77.2")));

        Assert.True(result.AlreadyPresent);
    }

    [Fact]
    public async Task Import_TooManyRequests_RetriedAfterRetryAfter()
    {
        var calls = 0;
        var (importer, stub) = Build(_ => ++calls == 1 ? WithRetryAfter(new HttpResponseMessage(HttpStatusCode.TooManyRequests), 20)
            : new HttpResponseMessage(HttpStatusCode.OK));

        await Run(importer.ImportAsync(Request("nginx:1.27", "library/nginx:1.27")));

        Assert.Equal(2, stub.Requests.Count);
        Assert.True(_time.GetUtcNow() - new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero) >= TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Import_FailureWhilePolling_ErrorCodeAndMessageReported()
    {
        var (importer, _) = Build(request => request.Method == HttpMethod.Post
            ? Accepted(Operation, retryAfter: 1)
            : Json(HttpStatusCode.OK, """{"status":"Failed","error":{"code":"InvalidParameter","message":"Source image not found."}}"""));

        var e = await Assert.ThrowsAsync<ImportFailedException>(() => Run(importer.ImportAsync(Request("nginx:9.9.9", "library/nginx:9.9.9"))));

        Assert.Contains("InvalidParameter: Source image not found.", e.Message, StringComparison.Ordinal);
        Assert.Contains("library/nginx:9.9.9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WithThePlannedDigest_ImportsRepositoryAtDigestUnderTheTargetTag()
    {
        var (importer, stub) = Build(_ => new HttpResponseMessage(HttpStatusCode.OK));
        var planned = "sha256:" + new string('e', 64);

        await Run(importer.ImportAsync(Request("nginx:1.27", "library/nginx:1.27") with { SourceDigest = planned }));

        Assert.Equal(
            $$"""{"source":{"registryUri":"docker.io","sourceImage":"library/nginx@{{planned}}"},"targetTags":["library/nginx:1.27"],"mode":"NoForce"}""",
            stub.Requests[0].Body);
    }

    [Theory]
    [InlineData("InvalidParameter", "Error copying image: toomanyrequests: You have reached your pull rate limit.", FailureKind.RateLimited)]
    [InlineData("ImportImageFailed", "Source registry answered 429 Too Many Requests", FailureKind.RateLimited)]
    [InlineData("TooManyRequests", "Throttled", FailureKind.RateLimited)]
    [InlineData("InvalidParameter", "Source image not found.", FailureKind.Refused)]
    [InlineData("InvalidParameter", "Manifest sha256:4290000000 not found.", FailureKind.Refused)]
    public async Task Import_FailedOperation_UpstreamRateLimitIsRateLimitedNotRefused(string code, string message, FailureKind kind)
    {
        var (importer, _) = Build(request => request.Method == HttpMethod.Post
            ? Accepted(Operation, retryAfter: 1)
            : Json(HttpStatusCode.OK, JsonSerializer.Serialize(new { status = "Failed", error = new { code, message } })));

        var e = await Assert.ThrowsAsync<ImportFailedException>(() => Run(importer.ImportAsync(Request("nginx:1.27", "library/nginx:1.27"))));

        Assert.Equal(kind, e.Kind);
    }

    [Fact]
    public async Task Import_NeverFinishes_TimesOutWithThatReason()
    {
        var (importer, _) = Build(_ => Accepted(Operation, retryAfter: 60), timeout: TimeSpan.FromMinutes(5));

        var e = await Assert.ThrowsAsync<ImportFailedException>(() => Run(importer.ImportAsync(Request("nginx:1", "library/nginx:1"))));

        Assert.Contains("did not finish within 00:05:00", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_IndexOverTheManifestLimit_FallsBackOrFailsWithTheReason()
    {
        var index = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = MediaTypes.OciIndex,
            manifests = Enumerable.Range(0, 60).Select(i => new { mediaType = MediaTypes.OciManifest, digest = "sha256:" + i.ToString("x64", System.Globalization.CultureInfo.InvariantCulture), size = 100 }),
        });
        var registry = new RegistryClient(
            new HttpClient(new StubHttpMessageHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new ByteArrayContent(index) { Headers = { { "Content-Type", MediaTypes.OciIndex } } },
            })),
            new RegistryEndpoints(Options.Create(new RegistryOptions())));
        var request = Request("ghcr.io/many/platforms:1", "many/platforms:1") with { SourceMediaType = MediaTypes.OciIndex };
        var arm = new StubHttpMessageHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));

        var withoutFallback = new AcrImportImporter(Client(arm, TimeSpan.FromMinutes(1)), registry, Options.Create(_registryOptions));
        var e = await Assert.ThrowsAsync<ImportFailedException>(() => withoutFallback.ImportAsync(request));
        Assert.Contains("has 61 manifests, over ACR import's limit of 50", e.Message, StringComparison.Ordinal);

        var copy = Substitute.For<IImageImporter>();
        copy.ImportAsync(request, Arg.Any<IProgress<ImportProgress>?>(), Arg.Any<CancellationToken>()).Returns(new ImportResult(false, "sha256:x", 10, 1, 0));
        var withFallback = new AcrImportImporter(Client(arm, TimeSpan.FromMinutes(1)), registry, Options.Create(_registryOptions), copy);
        Assert.Equal(10, (await withFallback.ImportAsync(request)).BytesCopied);
        Assert.Empty(arm.Requests);
    }

    private (AcrImportImporter Importer, StubHttpMessageHandler Stub) Build(Func<HttpRequestMessage, HttpResponseMessage> respond, TimeSpan? timeout = null)
    {
        var stub = new StubHttpMessageHandler(respond);
        var registry = new RegistryClient(new HttpClient(new StubHttpMessageHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound))),
            new RegistryEndpoints(Options.Create(new RegistryOptions())));
        // A day: fake time runs ahead of the real work in Run, and only the timeout test should ever reach its limit.
        return (new AcrImportImporter(Client(stub, timeout ?? TimeSpan.FromDays(1)), registry, Options.Create(_registryOptions)), stub);
    }

    private AcrImportClient Client(StubHttpMessageHandler stub, TimeSpan timeout)
    {
        var options = new AcrImportOptions { RegistryResourceId = RegistryId, ArmEndpoint = new Uri(Arm), Timeout = timeout };
        var pipeline = AcrImportClient.CreatePipeline(_credential, options.ArmEndpoint, new HttpClientTransport(new HttpClient(stub)));
        return new AcrImportClient(pipeline, Options.Create(options), _time);
    }

    // Runs the import while moving fake time on, so polls and Retry-After waits cost no real time.
    private async Task<T> Run<T>(Task<T> task)
    {
        for (var i = 0; i < 2_000_000 && !task.IsCompleted; i++)
        {
            await Task.Yield();
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }
        return await task;
    }

    private static ImportRequest Request(string source, string target)
    {
        var reference = ImageReference.Parse(source);
        Assert.True(TargetImage.TryParse(target, "latest", out var targetImage, out _));
        return new ImportRequest(new ImportSpec(reference, targetImage, []), "myacr.azurecr.io", Overwrite: false, null);
    }

    private static HttpResponseMessage Accepted(string? location, int retryAfter)
    {
        var response = WithRetryAfter(new HttpResponseMessage(HttpStatusCode.Accepted), retryAfter);
        if (location is not null)
        {
            response.Headers.Location = new Uri(location);
        }
        return response;
    }

    private static HttpResponseMessage WithRetryAfter(HttpResponseMessage response, int seconds)
    {
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        return response;
    }

    private static HttpResponseMessage Error(HttpStatusCode status, string code, string message) =>
        Json(status, JsonSerializer.Serialize(new { error = new { code, message } }));

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
