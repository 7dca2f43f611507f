using System.Net;
using System.Text;
using Azure.Storage.Queues.Models;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Operations.HandleMessage;
using ImageWarmer.Core.Storage;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace ImageWarmer.Functions.Tests;

/// <summary>
/// A spent Docker Hub budget defers a request instead of failing it. docker-registry sends no rate-limit headers, so
/// the registries here are a stub that answers like Docker Hub near its limit; the queue and the ledger are Azurite.
/// </summary>
public sealed class RateLimitDeferralTests
{
    private const string Digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    [Fact]
    public async Task Run_BudgetBelowTheFloor_RequestReEnqueuedForTheResetNotFailedNorThrown()
    {
        var stub = new StubHttpMessageHandler(request =>
        {
            if (request.RequestUri!.Host == "acr.test")
            {
                return new HttpResponseMessage(HttpStatusCode.NotFound);
            }
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
            response.Headers.TryAddWithoutValidation("Docker-Content-Digest", Digest);
            response.Headers.TryAddWithoutValidation("ratelimit-limit", "100;w=21600");
            response.Headers.TryAddWithoutValidation("ratelimit-remaining", "3;w=21600");
            return response;
        });
        using var host = new FunctionTestHost(); // names a queue and a ledger table of this test's own
        using var services = RegistryTestHost.Build(
            new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = TestServices.StorageConnectionString,
                ["WarmQueueName"] = host.QueueName,
                ["ImageWarmer:Storage:LedgerTable"] = "ledger" + host.Namespace,
                ["ImageWarmer:Registry:Endpoints:0:Registry"] = "docker.io",
                ["ImageWarmer:Registry:Endpoints:0:Url"] = "https://hub.test",
                ["ImageWarmer:Planning:TargetRegistry"] = "acr.test",
            },
            s => s.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = stub)));
        var function = new WarmRequestFunction(services.GetRequiredService<Core.Operations.HandleMessage.HandleMessageOperation>());
        var message = QueuesModelFactory.QueueMessage("m1", "receipt",
            new BinaryData(Encoding.UTF8.GetBytes("""{"version":1,"source":"docker.io/library/nginx:1.27","requestedBy":"pipeline"}""")), dequeueCount: 1);

        await function.RunAsync(message, CancellationToken.None);

        var row = await services.GetRequiredService<StatusLedger>().GetAsync("library/nginx:1.27");
        Assert.Equal("deferred", row?.LastResult?.ToText());
        Assert.Contains("resets in ~6h", row?.Error, StringComparison.Ordinal);
        var queue = host.Queue();
        Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Null((await queue.PeekMessageAsync()).Value); // enqueued again, invisible until the window resets
        Assert.DoesNotContain(stub.Requests, r => r.Method == HttpMethod.Get && r.Uri.Host == "hub.test");
    }
}
