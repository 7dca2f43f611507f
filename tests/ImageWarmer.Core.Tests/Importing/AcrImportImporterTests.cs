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

/// <summary>The ACR importer on ARM's recorded shapes: what it sends, how it polls, when an image is present.</summary>
public sealed class AcrImportImporterTests : ArmStubbedTests
{
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
        await Credential.Received().GetTokenAsync(
            Arg.Is<TokenRequestContext>(c => c.Scopes.Single() == Arm + "/.default"), Arg.Any<CancellationToken>());
        // No Retry-After anywhere: three polls, each after the configured poll interval (5 s).
        Assert.True(Time.GetUtcNow() - Start >= TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Import_RetryAfterOnThePoll_Honoured()
    {
        var polls = 0;
        var (importer, _) = Build(request => request.Method == HttpMethod.Post
            ? Accepted(Operation)
            : ++polls < 2 ? WithRetryAfter(Json(HttpStatusCode.Accepted, """{"status":"Accepted"}"""), 60) : Json(HttpStatusCode.OK, """{"status":"Succeeded"}"""));

        await Run(importer.ImportAsync(Request("nginx:1.27", "library/nginx:1.27")));

        Assert.True(Time.GetUtcNow() - Start >= TimeSpan.FromSeconds(65));
    }

    [Fact]
    public async Task Import_OfficialImagePinnedWithCredentialsAndReimport_BodySaysSo()
    {
        RegistrySettings.Credentials.Add(new RegistryCredentialOptions { Registry = "docker.io", Username = "warmer", Password = "dckr_pat_x" });
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
        RegistrySettings.Credentials.Add(new RegistryCredentialOptions { Registry = "docker.io", Password = "dckr_pat_only" });
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
    public async Task Import_WithThePlannedDigest_ImportsRepositoryAtDigestUnderTheTargetTag()
    {
        var (importer, stub) = Build(_ => new HttpResponseMessage(HttpStatusCode.OK));
        var planned = "sha256:" + new string('e', 64);

        await Run(importer.ImportAsync(Request("nginx:1.27", "library/nginx:1.27") with { SourceDigest = planned }));

        Assert.Equal(
            $$"""{"source":{"registryUri":"docker.io","sourceImage":"library/nginx@{{planned}}"},"targetTags":["library/nginx:1.27"],"mode":"NoForce"}""",
            stub.Requests[0].Body);
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

        var withoutFallback = new AcrImportImporter(Client(arm, TimeSpan.FromMinutes(1)), registry, Options.Create(RegistrySettings));
        var e = await Assert.ThrowsAsync<ImportFailedException>(() => withoutFallback.ImportAsync(request));
        Assert.Contains("has 61 manifests, over ACR import's limit of 50", e.Message, StringComparison.Ordinal);

        var copy = Substitute.For<IImageImporter>();
        copy.ImportAsync(request, Arg.Any<IProgress<ImportProgress>?>(), Arg.Any<CancellationToken>()).Returns(new ImportResult(false, "sha256:x", 10, 1, 0));
        var withFallback = new AcrImportImporter(Client(arm, TimeSpan.FromMinutes(1)), registry, Options.Create(RegistrySettings), copy);
        Assert.Equal(10, (await withFallback.ImportAsync(request)).BytesCopied);
        Assert.Empty(arm.Requests);
    }
}
