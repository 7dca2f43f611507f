using System.Globalization;
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

    private static readonly DateTimeOffset Start = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly RegistryOptions _registryOptions = new();
    private readonly TokenCredential _credential = Substitute.For<TokenCredential>();

    public AcrImportImporterTests() =>
        _credential.GetTokenAsync(Arg.Any<TokenRequestContext>(), Arg.Any<CancellationToken>())
            .Returns(new AccessToken("arm-token", DateTimeOffset.UtcNow.AddHours(1)));

    [Fact]
    public async Task Import_RecordedShapes_PostAcceptedThenPolledUntilSucceeded()
    {
        var polls = 0;
        var (importer, stub) = Build(request => request.Method == HttpMethod.Post
            ? Accepted(Operation)
            : ++polls < 3 ? Json(HttpStatusCode.Accepted, """{"status":"Accepted"}""") : Json(HttpStatusCode.OK, """{"status":"Succeeded"}"""));

        var result = await Run(importer.ImportAsync(Request("docker.io/sonatype/nexus3:3.77.2", "sonatype/nexus3:3.77.2")));

        Assert.False(result.AlreadyPresent);
        Assert.Equal([$"POST {ImportUri}", $"GET {Operation}", $"GET {Operation}", $"GET {Operation}"], stub.Requests.Select(r => r.ToString()));
        Assert.Equal(
            """{"source":{"registryUri":"docker.io","sourceImage":"sonatype/nexus3:3.77.2"},"targetTags":["sonatype/nexus3:3.77.2"],"mode":"NoForce"}""",
            stub.Requests[0].Body);
        Assert.All(stub.Requests, r => Assert.Equal("Bearer arm-token", r.Authorization));
        await _credential.Received().GetTokenAsync(
            Arg.Is<TokenRequestContext>(c => c.Scopes.Single() == Arm + "/.default"), Arg.Any<CancellationToken>());
        // No Retry-After anywhere: three polls, each after the configured poll interval (5 s).
        Assert.True(_time.GetUtcNow() - Start >= TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Import_RetryAfterOnThePoll_Honoured()
    {
        var polls = 0;
        var (importer, _) = Build(request => request.Method == HttpMethod.Post
            ? Accepted(Operation)
            : ++polls < 2 ? WithRetryAfter(Json(HttpStatusCode.Accepted, """{"status":"Accepted"}"""), 60) : Json(HttpStatusCode.OK, """{"status":"Succeeded"}"""));

        await Run(importer.ImportAsync(Request("nginx:1.27", "library/nginx:1.27")));

        Assert.True(_time.GetUtcNow() - Start >= TimeSpan.FromSeconds(65));
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
    public async Task Import_CredentialWithOnlyAPassword_SentWithoutAUsername()
    {
        _registryOptions.Credentials.Add(new RegistryCredentialOptions { Registry = "docker.io", Password = "dckr_pat_only" });
        var (importer, stub) = Build(_ => new HttpResponseMessage(HttpStatusCode.OK));

        await Run(importer.ImportAsync(Request("nginx:1.27", "library/nginx:1.27")));

        Assert.Equal("""{"password":"dckr_pat_only"}""",
            JsonDocument.Parse(stub.Requests[0].Body!).RootElement.GetProperty("source").GetProperty("credentials").GetRawText());
    }

    [Fact]
    public async Task Import_SourceIsAConfiguredAzureRegistry_ImportedByResourceId()
    {
        const string team = "/subscriptions/1111/resourceGroups/shared/providers/Microsoft.ContainerRegistry/registries/teamacr";
        var (importer, stub) = Build(_ => new HttpResponseMessage(HttpStatusCode.OK),
            configure: o => o.SourceRegistryResourceIds.AddRange(["/subscriptions/1111/resourceGroups/x/providers/Microsoft.ContainerRegistry/registries/other", team]));

        await Run(importer.ImportAsync(Request("teamacr.azurecr.io/base/dotnet:10.0", "base/dotnet:10.0")));

        Assert.Equal($$"""{"sourceImage":"base/dotnet:10.0","resourceId":"{{team}}"}""",
            JsonDocument.Parse(stub.Requests[0].Body!).RootElement.GetProperty("source").GetRawText());
    }

    [Fact]
    public async Task Import_NoForceConflictArrivingOnAPoll_IsAlreadyPresentNotAFailure()
    {
        var (importer, stub) = Build(request => request.Method == HttpMethod.Post
            ? Accepted(Operation)
            : Json(HttpStatusCode.OK, """{"status":"Failed","error":{"code":"InvalidParameter","message":"Tag sonatype/nexus3:3.77.2 already exists in target registry."}}"""));

        var result = await Run(importer.ImportAsync(Request("sonatype/nexus3:3.77.2", "sonatype/nexus3:3.77.2")));

        Assert.True(result.AlreadyPresent);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task Import_NoForceConflictOnThePost_IsAlreadyPresentNotAFailure()
    {
        var (importer, _) = Build(_ => Error(HttpStatusCode.Conflict, "Conflict",
            "Tag sonatype/nexus3:3.77.2 already exists in target registry."));

        var result = await Run(importer.ImportAsync(Request("sonatype/nexus3:3.77.2", "sonatype/nexus3:3.77.2")));

        Assert.True(result.AlreadyPresent);
    }

    [Fact]
    public async Task Import_ConnectionDroppedOnAPoll_PollSentAgainAndImportDone()
    {
        var polls = 0;
        var (importer, stub) = Build(request => request.Method == HttpMethod.Post
            ? Accepted(Operation)
            : ++polls == 1 ? throw new HttpRequestException("Connection reset by peer", new IOException("reset"))
            : Json(HttpStatusCode.OK, """{"status":"Succeeded"}"""));

        var result = await Run(importer.ImportAsync(Request("nginx:1.27", "library/nginx:1.27")));

        Assert.False(result.AlreadyPresent);
        Assert.Equal([$"POST {ImportUri}", $"GET {Operation}", $"GET {Operation}"], stub.Requests.Select(r => r.ToString()));
    }

    [Fact]
    public async Task Import_ConnectionDroppedOnThePost_ThisImageFailsTransientNotTheRun()
    {
        var (importer, stub) = Build(_ => throw new HttpRequestException("Connection reset by peer", new IOException("reset")));

        var e = await Assert.ThrowsAsync<ImportFailedException>(() => Run(importer.ImportAsync(Request("nginx:1.27", "library/nginx:1.27"))));

        Assert.Equal(FailureKind.Transient, e.Kind);
        Assert.Contains("Connection reset by peer", e.Message, StringComparison.Ordinal);
        Assert.Single(stub.Requests); // the import may have started: not sent twice
    }

    [Fact]
    public async Task Import_TooManyRequests_RetriedAfterRetryAfter()
    {
        var calls = 0;
        var (importer, stub) = Build(_ => ++calls == 1 ? WithRetryAfter(new HttpResponseMessage(HttpStatusCode.TooManyRequests), 20)
            : new HttpResponseMessage(HttpStatusCode.OK));

        await Run(importer.ImportAsync(Request("nginx:1.27", "library/nginx:1.27")));

        Assert.Equal(2, stub.Requests.Count);
        Assert.True(_time.GetUtcNow() - Start >= TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Import_RetryAfterDateInThePast_RetriedAtOnceWithoutThrowing()
    {
        var calls = 0;
        var (importer, stub) = Build(_ =>
        {
            if (++calls > 1)
            {
                return new HttpResponseMessage(HttpStatusCode.OK);
            }
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            response.Headers.TryAddWithoutValidation("Retry-After", Start.AddHours(-1).ToString("R", CultureInfo.InvariantCulture));
            return response;
        });

        await Run(importer.ImportAsync(Request("nginx:1.27", "library/nginx:1.27")));

        Assert.Equal(2, stub.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, FailureKind.RateLimited)]
    [InlineData(HttpStatusCode.ServiceUnavailable, FailureKind.Transient)]
    [InlineData(HttpStatusCode.RequestTimeout, FailureKind.Transient)]
    public async Task Import_PersistentThrottlingOrOutage_FailsWithTheKindAndStatusAfterTheAttempts(HttpStatusCode status, FailureKind kind)
    {
        var (importer, stub) = Build(_ => Json(status, """{"error":{"code":"Busy","message":"try later"}}"""));

        var e = await Assert.ThrowsAsync<ImportFailedException>(() => Run(importer.ImportAsync(Request("nginx:1.27", "library/nginx:1.27"))));

        Assert.Equal(kind, e.Kind);
        Assert.True(Failure.IsRetryable(e.Kind) || e.Kind == FailureKind.RateLimited);
        Assert.Contains($"HTTP {(int)status}: Busy: try later", e.Message, StringComparison.Ordinal);
        Assert.Equal(new AcrImportOptions().MaxAttempts, stub.Requests.Count);
    }

    [Fact]
    public async Task Import_FailureWhilePolling_ErrorCodeAndMessageReported()
    {
        var polls = 0;
        var (importer, _) = Build(request => request.Method == HttpMethod.Post
            ? Accepted(Operation)
            : ++polls == 1 ? Json(HttpStatusCode.Accepted, """{"status":"Accepted"}""")
            : Json(HttpStatusCode.OK, """{"status":"Failed","error":{"code":"InvalidParameter","message":"Source image not found."}}"""));

        var e = await Assert.ThrowsAsync<ImportFailedException>(() => Run(importer.ImportAsync(Request("nginx:9.9.9", "library/nginx:9.9.9"))));

        Assert.Equal(FailureKind.Refused, e.Kind);
        Assert.Contains("InvalidParameter: Source image not found.", e.Message, StringComparison.Ordinal);
        Assert.Contains("library/nginx:9.9.9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_SourceRateLimitedWhilePolling_RateLimitedSoTheImageIsDeferred()
    {
        var (importer, _) = Build(request => request.Method == HttpMethod.Post
            ? Accepted(Operation)
            : Json(HttpStatusCode.OK, """{"status":"Failed","error":{"code":"InvalidParameter","message":"toomanyrequests: You have reached your pull rate limit."}}"""));

        var e = await Assert.ThrowsAsync<ImportFailedException>(() => Run(importer.ImportAsync(Request("nginx:1.27", "library/nginx:1.27"))));

        Assert.Equal(FailureKind.RateLimited, e.Kind);
    }

    [Theory]
    [InlineData("""{"code":"InvalidParameter","message":"bad source"}""", "InvalidParameter: bad source")]
    [InlineData("""{"error":{"code":"InvalidParameter","message":"bad source"}}""", "InvalidParameter: bad source")]
    [InlineData("<html>gateway says no</html>", "<html>gateway says no</html>")]
    public async Task Import_FailureBodyWithOrWithoutTheWrapper_ReasonKept(string body, string reason)
    {
        var (importer, _) = Build(_ => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent(body) });

        var e = await Assert.ThrowsAsync<ImportFailedException>(() => Run(importer.ImportAsync(Request("nginx:1.27", "library/nginx:1.27"))));

        Assert.Equal(FailureKind.Refused, e.Kind);
        Assert.Contains($"HTTP 400: {reason}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NeverFinishes_TimesOutWithThatReason()
    {
        var (importer, _) = Build(request => request.Method == HttpMethod.Post ? Accepted(Operation)
            : Json(HttpStatusCode.Accepted, """{"status":"Accepted"}"""), timeout: TimeSpan.FromMinutes(5));

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

    private (AcrImportImporter Importer, StubHttpMessageHandler Stub) Build(
        Func<HttpRequestMessage, HttpResponseMessage> respond, TimeSpan? timeout = null, Action<AcrImportOptions>? configure = null)
    {
        var stub = new StubHttpMessageHandler(respond);
        var registry = new RegistryClient(new HttpClient(new StubHttpMessageHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound))),
            new RegistryEndpoints(Options.Create(new RegistryOptions())));
        // A day: fake time runs ahead of the real work in Run, and only the timeout test should ever reach its limit.
        return (new AcrImportImporter(Client(stub, timeout ?? TimeSpan.FromDays(1), configure), registry, Options.Create(_registryOptions)), stub);
    }

    private AcrImportClient Client(StubHttpMessageHandler stub, TimeSpan timeout, Action<AcrImportOptions>? configure = null)
    {
        var options = new AcrImportOptions { RegistryResourceId = RegistryId, ArmEndpoint = new Uri(Arm), Timeout = timeout };
        configure?.Invoke(options);
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

    // As recorded: 202, no body, Location, no Retry-After.
    private static HttpResponseMessage Accepted(string location) =>
        new(HttpStatusCode.Accepted) { Headers = { Location = new Uri(location) } };

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
