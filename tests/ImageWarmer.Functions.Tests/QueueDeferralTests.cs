using System.Net;
using System.Text;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Operations.Drain;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Storage;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Functions.Tests;

/// <summary>
/// Deferral under both importers, and its bounds: a spent budget defers before ARM is asked; ARM's "upstream rate
/// limited" defers; a <c>Retry-After</c> of 0 or in the past still waits <c>MinDeferral</c>; past <c>MaxDeferrals</c> the
/// request fails with the reason. Real queue and ledger (Azurite), real registries behind a fault proxy; ARM is a stub.
/// What the worker enqueues again is also recorded on its way to the real queue, to read the delay and count it carries.
/// </summary>
public sealed class QueueDeferralTests : IAsyncLifetime
{
    private readonly StubHttpMessageHandler _arm = new(_ => new HttpResponseMessage(HttpStatusCode.OK));
    private readonly List<(WarmRequest Request, TimeSpan? Delay)> _enqueued = [];
    private FaultProxy _proxy = null!;
    private ServiceProvider _seeder = null!;

    public Task InitializeAsync()
    {
        _proxy = FaultProxy.Start(TestServices.UpstreamRegistry);
        _seeder = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Worker_AcrImport_BudgetSpent_DeferredUntilTheReset_ArmNeverAsked()
    {
        using var host = Host(FakeArm.Settings());
        await Seed(host, "app");
        // Docker Hub says so on every answer, HEADs included: the plan's HEAD learns the budget is spent.
        _proxy.Inject(r => r.HttpMethod == "HEAD" && r.Url!.AbsolutePath.Contains("/app/manifests/", StringComparison.Ordinal), new Fault.RateLimitHeaders(0));

        var result = await SendAndDrainAsync(host, $$"""{"version":1,"source":"docker.io/{{host.Namespace}}/app:1.0.0"}""");

        Assert.Equal("deferred", result);
        Assert.Empty(_arm.Requests);
        var row = await host.Get<StatusLedger>().GetAsync($"{host.Namespace}/app:1.0.0");
        Assert.Equal("deferred", row?.LastResult?.ToText());
        Assert.Contains("rate-limit budget exhausted", row?.Error, StringComparison.Ordinal);
        var (request, delay) = Assert.Single(_enqueued);
        Assert.Equal(1, request.Deferrals);
        Assert.True(delay > TimeSpan.FromHours(5), $"deferred for {delay}, not until the six-hour window resets");
        await AssertWaitingInvisibly(host);
    }

    [Fact]
    public async Task Worker_AcrImport_UpstreamRateLimitedInsideTheImport_DeferredNotFailed()
    {
        var arm = new StubHttpMessageHandler(request =>
        {
            if (request.Method == HttpMethod.Post)
            {
                var accepted = new HttpResponseMessage(HttpStatusCode.Accepted);
                accepted.Headers.Location = new Uri(FakeArm.Endpoint, "/operationResults/op1");
                accepted.Headers.TryAddWithoutValidation("Retry-After", "0");
                return accepted;
            }
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(
                    """{"status":"Failed","error":{"code":"InvalidParameter","message":"Error copying image: toomanyrequests: You have reached your pull rate limit."}}""",
                    Encoding.UTF8, "application/json"),
            };
        });
        using var host = Host(FakeArm.Settings(), arm);
        await Seed(host, "app");

        var result = await SendAndDrainAsync(host, $$"""{"version":1,"source":"docker.io/{{host.Namespace}}/app:1.0.0"}""");

        Assert.Equal("deferred", result);
        Assert.Equal(2, arm.Requests.Count);
        var row = await host.Get<StatusLedger>().GetAsync($"{host.Namespace}/app:1.0.0");
        Assert.Equal("deferred", row?.LastResult?.ToText());
        Assert.Contains("toomanyrequests", row?.Error, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(_enqueued).Request.Deferrals);
        await AssertWaitingInvisibly(host);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Worker_RetryAfterZeroOrPast_WaitsAtLeastMinDeferral(bool asPastDate)
    {
        using var host = Host([]);
        await Seed(host, "app");
        _proxy.Inject(r => r.HttpMethod == "GET" && r.Url!.AbsolutePath.Contains("/app/manifests/", StringComparison.Ordinal),
            asPastDate ? new Fault.Status(429, RetryAfterDate: DateTimeOffset.UtcNow.AddMinutes(-5)) : new Fault.Status(429, RetryAfter: TimeSpan.Zero));

        var result = await SendAndDrainAsync(host, $$"""{"version":1,"source":"docker.io/{{host.Namespace}}/app:1.0.0"}""");

        Assert.Equal("deferred", result);
        var (request, delay) = Assert.Single(_enqueued);
        Assert.Equal((1, TimeSpan.FromMinutes(1)), (request.Deferrals, delay));
        await AssertWaitingInvisibly(host);
    }

    [Fact]
    public async Task Worker_DeferralsAtMaxDeferrals_FailedWithTheReason_NotEnqueuedAgain()
    {
        using var host = Host(new() { ["ImageWarmer:Warming:MaxDeferrals"] = "3" });
        await Seed(host, "a", "b");
        _proxy.Inject(r => r.HttpMethod == "GET" && r.Url!.AbsolutePath.Contains("/manifests/", StringComparison.Ordinal),
            new Fault.Status(429, RetryAfter: TimeSpan.Zero));
        var ns = host.Namespace;

        var onceMore = await SendAndDrainAsync(host, $$"""{"version":1,"source":"docker.io/{{ns}}/a:1.0.0","deferrals":2}""");
        var enough = await SendAndDrainAsync(host, $$"""{"version":1,"source":"docker.io/{{ns}}/b:1.0.0","deferrals":3}""");

        Assert.Equal(("deferred", "failed"), (onceMore, enough));
        Assert.Equal(3, Assert.Single(_enqueued).Request.Deferrals);
        var row = await host.Get<StatusLedger>().GetAsync($"{ns}/b:1.0.0");
        Assert.Equal("failed", row?.LastResult?.ToText());
        Assert.StartsWith("deferred 3 times already (ImageWarmer:Warming:MaxDeferrals is 3); giving up. Last: ", row?.Error, StringComparison.Ordinal);
        Assert.Contains("TOOMANYREQUESTS", row?.Error, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _seeder.DisposeAsync();
    }

    // The Functions app's services with docker.io behind the fault proxy, ARM stubbed, and re-enqueues recorded.
    private FunctionTestHost Host(Dictionary<string, string?> settings, StubHttpMessageHandler? arm = null)
    {
        settings["ImageWarmer:Registry:Endpoints:0:Url"] = $"http://{_proxy.Address}";
        settings["ImageWarmer:Registry:MaxRetryAttempts"] = "0";
        return new FunctionTestHost(settings, services =>
        {
            FakeArm.Use(services, arm ?? _arm);
            services.AddSingleton<IWarmRequestQueue>(sp => new RecordingQueue(sp.GetRequiredService<WarmQueue>(), _enqueued));
        });
    }

    private async Task Seed(FunctionTestHost host, params string[] names)
    {
        foreach (var name in names)
        {
            await TestImages.PushAsync(_seeder.GetRequiredService<RegistryClient>(), "docker.io", $"{host.Namespace}/{name}", "1.0.0");
        }
    }

    private async Task<string> SendAndDrainAsync(FunctionTestHost host, string text)
    {
        var queue = host.Queue();
        await queue.CreateIfNotExistsAsync();
        var id = (await queue.SendMessageAsync(text)).Value.MessageId;
        var drained = await host.Get<DrainOperation>().RunAsync(new DrainRequest(MaxDequeueCount: 5));
        return drained.Single(m => m.MessageId == id).Result;
    }

    // Enqueued again, and not visible: a worker polling now does not get it back.
    private static async Task AssertWaitingInvisibly(FunctionTestHost host)
    {
        var queue = host.Queue();
        Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Null((await queue.PeekMessageAsync()).Value);
    }

    // The real queue, with what is enqueued written down on the way.
    private sealed class RecordingQueue(WarmQueue inner, List<(WarmRequest, TimeSpan?)> enqueued) : IWarmRequestQueue
    {
        public string Name => inner.Name;

        public string PoisonName => inner.PoisonName;

        public Task<string> EnqueueAsync(WarmRequest request, TimeSpan? delay = null, CancellationToken cancellationToken = default)
        {
            lock (enqueued)
            {
                enqueued.Add((request, delay));
            }
            return inner.EnqueueAsync(request, delay, cancellationToken);
        }

        public Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(int maxMessages, TimeSpan visibility, CancellationToken cancellationToken = default) =>
            inner.ReceiveAsync(maxMessages, visibility, cancellationToken);

        public Task CompleteAsync(QueuedMessage message, CancellationToken cancellationToken = default) => inner.CompleteAsync(message, cancellationToken);

        public Task RetryLaterAsync(QueuedMessage message, TimeSpan delay, CancellationToken cancellationToken = default) =>
            inner.RetryLaterAsync(message, delay, cancellationToken);

        public Task PoisonAsync(QueuedMessage message, CancellationToken cancellationToken = default) => inner.PoisonAsync(message, cancellationToken);
    }
}
