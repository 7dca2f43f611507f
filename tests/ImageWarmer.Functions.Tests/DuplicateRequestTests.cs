using System.Text;
using Azure.Storage.Queues.Models;
using ImageWarmer.Core.Operations.HandleMessage;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Storage;
using ImageWarmer.Testing;

namespace ImageWarmer.Functions.Tests;

/// <summary>Twenty pipelines ask for the same image at once: one import, twenty warm answers.</summary>
public sealed class DuplicateRequestTests : IDisposable
{
    private readonly FunctionTestHost _host = new();

    [Fact]
    public async Task Run_TwentyRequestsForOneImageAtOnce_ImportedOnce()
    {
        var ns = _host.Namespace;
        await TestImages.PushAsync(_host.Get<RegistryClient>(), "docker.io", $"{ns}/popular", "2.0.0", layerBytes: 512 * 1024);
        var function = new WarmRequestFunction(_host.Get<Core.Operations.HandleMessage.HandleMessageOperation>());
        var mark = RegistryAccessLog.Requests(TestServices.TargetAccessLog, ns + "/").Count;

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => function.RunAsync(
            QueuesModelFactory.QueueMessage($"m{i}", "r", new BinaryData(Encoding.UTF8.GetBytes($$"""{"version":1,"source":"docker.io/{{ns}}/popular:2.0.0","requestedBy":"pipeline {{i}}"}""")), 1),
            CancellationToken.None)));

        var log = RegistryAccessLog.Requests(TestServices.TargetAccessLog, ns + "/").Skip(mark).ToList();
        Assert.Single(log, l => l.StartsWith($"PUT /v2/{ns}/popular/manifests/2.0.0", StringComparison.Ordinal));
        var row = await _host.Get<StatusLedger>().GetAsync($"{ns}/popular:2.0.0");
        Assert.Equal(20, row?.Attempts);
    }

    public void Dispose() => _host.Dispose();
}
