using System.Diagnostics.Metrics;
using Azure.Storage.Queues;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Operations;
using ImageWarmer.Core.Operations.HandleMessage;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Functions.Conformance.Tests;

/// <summary>
/// The queue function's logic under the Functions host's own queue listener (WebJobs SDK + Storage Queues extension
/// 5.x, options from our host.json) against Azurite: decoding, dequeue counts, completion, retries and the poison
/// queue are the host's, not a re-implementation. Only the visibility timeout and polling interval are shortened,
/// so retries come in seconds instead of minutes.
/// </summary>
public sealed class QueueTriggerConformanceTests : IAsyncLifetime
{
    private readonly AppSettings _settings = new();
    private readonly Invocations _invocations = new();
    private readonly CapturedLogs _logs = new();
    private ConformanceHost? _host;

    private QueueClient Queue => new(TestServices.StorageConnectionString, _settings.QueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    private QueueClient RawQueue(string name) => new(TestServices.StorageConnectionString, name);

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Listener_OptionsBoundFromTheRepositoryHostJson()
    {
        await StartAsync();

        var options = _host!.Services.GetRequiredService<IOptions<QueuesOptions>>().Value;

        Assert.Equal(
            (HostJson.MaxDequeueCount, Azure.Storage.Queues.QueueMessageEncoding.Base64, HostJson.Queues.GetValue<int>("batchSize"), HostJson.Queues.GetValue<int>("newBatchThreshold")),
            (options.MaxDequeueCount, options.MessageEncoding, options.BatchSize, options.NewBatchThreshold));
        Assert.Equal(5, options.MaxDequeueCount);
    }

    [Fact]
    public async Task Base64V1Message_DecodedByTheHostAndWarmed()
    {
        var ns = _settings.Namespace;
        using var engine = RegistryTestHost.Build(_settings.Values);
        var digest = await TestImages.PushAsync(engine.GetRequiredService<RegistryClient>(), "docker.io", $"{ns}/app", "1.0.0");
        await StartAsync();
        await Queue.CreateIfNotExistsAsync();

        await Queue.SendMessageAsync($$"""{"version":1,"source":"docker.io/{{ns}}/app:1.0.0","requestedBy":"conformance"}""");

        var row = await Eventually.WaitAsync(() => Ledger().GetAsync($"{ns}/app:1.0.0"), r => r?.LastResult?.ToText() == "imported", "the import");
        Assert.Equal((digest, "conformance", 1), (row!.TargetDigest, row.RequestedBy, row.Attempts));
        var inTarget = await engine.GetRequiredService<RegistryClient>().TryResolveAsync(ImageReference.Parse($"{TestServices.TargetRegistry}/{ns}/app:1.0.0"));
        Assert.Equal(digest, inTarget?.Digest);
        await Eventually.WaitAsync(() => CountAsync(_settings.QueueName), n => n == 0, "the message's completion");
        Assert.Equal(1, Assert.Single(_invocations.All).DequeueCount);
    }

    [Fact]
    public async Task RejectedMessage_CompletedNotRetriedNotPoisoned()
    {
        await StartAsync();
        await Queue.CreateIfNotExistsAsync();

        var sent = (await Queue.SendMessageAsync("""{"version":7,"source":"nginx:1"}""")).Value;

        var reason = await Eventually.WaitAsync(() => Ledger().RejectionAsync(sent.MessageId), r => r is not null, "the rejection");
        Assert.Contains("version 7 is not supported", reason, StringComparison.Ordinal);
        await Eventually.WaitAsync(() => CountAsync(_settings.QueueName), n => n == 0, "the message's completion");
        Assert.Equal(0, await CountAsync(_settings.QueueName + "-poison"));
        Assert.Single(_invocations.All);
    }

    [Fact]
    public async Task NotBase64Message_TheHostPoisonsItUntouchedWithoutCallingTheFunction()
    {
        await StartAsync();
        var raw = RawQueue(_settings.QueueName);
        await raw.CreateIfNotExistsAsync();
        const string text = """{"version":1,"source":"nginx:1"} (not base64)""";

        await raw.SendMessageAsync(text);

        var poisoned = await Eventually.WaitAsync(() => PeekAsync(_settings.QueueName + "-poison"), m => m is not null, "the poison message");
        Assert.Equal(text, poisoned);
        Assert.Empty(_invocations.All);
        await Eventually.WaitAsync(() => CountAsync(_settings.QueueName), n => n == 0, "the message's removal");
        // The line the poison-queue alert (infra/modules/alerts.bicep) looks for, here without a function call at all.
        Assert.Contains(_logs.All, l => l.Message.Contains("Message decoding has failed", StringComparison.Ordinal));
        Assert.Contains(_logs.All, l => l.Message.Contains($"Moving message to queue '{_settings.QueueName}-poison'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PersistentUpstreamFailure_RetriedByTheHostThenPoisoned_AtMostTwoUpstreamRequestsPerTry()
    {
        var ns = _settings.Namespace;
        await using var proxy = FaultProxy.Start(TestServices.UpstreamRegistry);
        proxy.Inject(r => r.Url!.AbsolutePath.Contains($"/{ns}/", StringComparison.Ordinal), new Fault.Status(503));
        _settings.Values["ImageWarmer:Registry:Endpoints:0:Url"] = $"http://{proxy.Address}";
        await StartAsync();
        await Queue.CreateIfNotExistsAsync();
        using var metrics = new MeterRecorder(_host!.Services.GetRequiredService<IMeterFactory>());

        var text = $$"""{"version":1,"source":"docker.io/{{ns}}/flaky:1.0.0","requestedBy":"conformance"}""";
        var sent = (await Queue.SendMessageAsync(text)).Value;

        // The host copies the message to the poison queue as it came: base64 here.
        var poisoned = await Eventually.WaitAsync(() => PeekAsync(_settings.QueueName + "-poison"), m => m is not null, "the poison message");
        Assert.Equal(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)), poisoned);
        var tries = _invocations.All.Where(i => i.MessageId == sent.MessageId).Select(i => i.DequeueCount).ToList();
        Assert.Equal(Enumerable.Range(1, HostJson.MaxDequeueCount).Select(i => (long)i), tries);
        var upstream = proxy.Seen.Count(s => s.Contains($"/{ns}/", StringComparison.Ordinal));
        Assert.InRange(upstream, tries.Count, 2 * tries.Count);

        var row = await Ledger().GetAsync($"{ns}/flaky:1.0.0");
        Assert.Equal(("failed", HostJson.MaxDequeueCount), (row?.LastResult?.ToText(), row?.Attempts));
        Assert.StartsWith($"given up after {HostJson.MaxDequeueCount} tries and sent to {_settings.QueueName}-poison: ", row?.Error, StringComparison.Ordinal);

        // What the host itself logs: each failed invocation as an Error (its own), the move as the alert's line.
        Assert.Equal(HostJson.MaxDequeueCount, _logs.All.Count(l => l.Category == "Function.WarmRequest" && l.Level == LogLevel.Error));
        Assert.Single(_logs.All, l => l.Message.Contains(
            $"Message has reached MaxDequeueCount of {HostJson.MaxDequeueCount}. Moving message to queue '{_settings.QueueName}-poison'", StringComparison.Ordinal));
        // What the poison alert and the dashboards count.
        Assert.Equal(1, metrics.Sum("imagewarmer.requests.poisoned"));
        Assert.Equal(HostJson.MaxDequeueCount, metrics.Sum("imagewarmer.imports", "failed"));

        // Ours (every ImageWarmer category): one Warning per failed try, one Error when the queue gives up.
        var ours = _logs.All.Where(l => l.Category.StartsWith("ImageWarmer.", StringComparison.Ordinal)).ToList();
        Assert.Equal(HostJson.MaxDequeueCount - 1, ours.Count(l => l.Level == LogLevel.Warning && l.EventId == 304));
        Assert.Equal(HostJson.MaxDequeueCount - 1, ours.Count(l => l.Level == LogLevel.Warning));
        Assert.Equal(305, Assert.Single(ours, l => l.Level >= LogLevel.Error).EventId);
        Assert.Equal(typeof(HandleMessageOperation).FullName, ours.Single(l => l.EventId == 305).Category);
        // The resilience pipeline's retry events are there, at Debug only.
        Assert.Contains(_logs.All, l => l.Category.StartsWith("Polly", StringComparison.Ordinal) && l.Level == LogLevel.Debug && l.Message.Contains("OnRetry", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.All, l => l.Category.StartsWith("Polly", StringComparison.Ordinal) && l.Level > LogLevel.Debug);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private async Task StartAsync() =>
        _host = await ConformanceHost.StartAsync("instance-1", _settings.HostId, _settings.Values, [typeof(HostedWarmRequest)], _invocations, _logs,
            o =>
            {
                o.VisibilityTimeout = TimeSpan.Zero;
                o.MaxPollingInterval = TimeSpan.FromMilliseconds(200);
            });

    private IStatusLedger Ledger() => _host!.Services.GetRequiredService<IStatusLedger>();

    private async Task<int> CountAsync(string queue)
    {
        var client = RawQueue(queue);
        return await client.ExistsAsync() ? (await client.GetPropertiesAsync()).Value.ApproximateMessagesCount : 0;
    }

    private async Task<string?> PeekAsync(string queue)
    {
        var client = RawQueue(queue);
        return await client.ExistsAsync() ? (await client.PeekMessageAsync()).Value?.Body.ToString() : null;
    }
}
