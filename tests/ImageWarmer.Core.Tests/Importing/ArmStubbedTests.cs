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

/// <summary>ARM cannot run here: a stub transport replays what ARM answers (the shapes recorded from <c>az acr import</c>
/// in 2026), on fake time, and the tests assert the exact requests.</summary>
public abstract class ArmStubbedTests
{
    protected const string Arm = "https://management.azure.test";
    protected const string RegistryId = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/myacr";
    protected const string ImportUri = Arm + RegistryId + "/importImage?api-version=2025-11-01";
    protected const string Operation = Arm + "/subscriptions/0000/providers/Microsoft.ContainerRegistry/locations/westeurope/operationResults/op1";

    protected static readonly DateTimeOffset Start = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(Start);
    protected RegistryOptions RegistrySettings { get; } = new();
    protected TokenCredential Credential { get; } = Substitute.For<TokenCredential>();

    protected ArmStubbedTests() =>
        Credential.GetTokenAsync(Arg.Any<TokenRequestContext>(), Arg.Any<CancellationToken>())
            .Returns(new AccessToken("arm-token", DateTimeOffset.UtcNow.AddHours(1)));

    private protected (AcrImportImporter Importer, StubHttpMessageHandler Stub) Build(
        Func<HttpRequestMessage, HttpResponseMessage> respond, TimeSpan? timeout = null, Action<AcrImportOptions>? configure = null)
    {
        var stub = new StubHttpMessageHandler(respond);
        var registry = new RegistryClient(new HttpClient(new StubHttpMessageHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound))),
            new RegistryEndpoints(Options.Create(new RegistryOptions())));
        // A day: fake time runs ahead of the real work in Run, and only the timeout test should ever reach its limit.
        return (new AcrImportImporter(Client(stub, timeout ?? TimeSpan.FromDays(1), configure), registry, Options.Create(RegistrySettings)), stub);
    }

    private protected AcrImportClient Client(StubHttpMessageHandler stub, TimeSpan timeout, Action<AcrImportOptions>? configure = null)
    {
        var options = new AcrImportOptions { RegistryResourceId = RegistryId, ArmEndpoint = new Uri(Arm), Timeout = timeout };
        configure?.Invoke(options);
        var pipeline = AcrImportClient.CreatePipeline(Credential, options.ArmEndpoint, new HttpClientTransport(new HttpClient(stub)));
        return new AcrImportClient(pipeline, Options.Create(options), Time);
    }

    // Runs the import while moving fake time on, so polls and Retry-After waits cost no real time.
    protected async Task<T> Run<T>(Task<T> task)
    {
        for (var i = 0; i < 2_000_000 && !task.IsCompleted; i++)
        {
            await Task.Yield();
            Time.Advance(TimeSpan.FromMilliseconds(100));
        }
        return await task;
    }

    protected static ImportRequest Request(string source, string target)
    {
        var reference = ImageReference.Parse(source);
        Assert.True(TargetImage.TryParse(target, "latest", out var targetImage, out _));
        return new ImportRequest(new ImportSpec(reference, targetImage, []), "myacr.azurecr.io", Overwrite: false, null);
    }

    // As recorded: 202, no body, Location, no Retry-After.
    protected static HttpResponseMessage Accepted(string location) =>
        new(HttpStatusCode.Accepted) { Headers = { Location = new Uri(location) } };

    protected static HttpResponseMessage WithRetryAfter(HttpResponseMessage response, int seconds)
    {
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        return response;
    }

    protected static HttpResponseMessage Error(HttpStatusCode status, string code, string message) =>
        Json(status, JsonSerializer.Serialize(new { error = new { code, message } }));

    protected static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
