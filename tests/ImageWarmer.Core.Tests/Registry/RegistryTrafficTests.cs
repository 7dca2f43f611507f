using System.Net;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Registry.Auth;
using ImageWarmer.Core.Registry.Traffic;
using ImageWarmer.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ImageWarmer.Core.Tests.Registry;

public sealed class RegistryTrafficTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));
    private readonly RegistryTraffic _traffic;

    public RegistryTrafficTests() => _traffic = new RegistryTraffic(_time, Options.Create(new RegistryOptions { RateLimitFloor = 10 }));

    [Theory]
    [InlineData("100;w=21600", true, 100, 21600)]
    [InlineData("76;w=21600", true, 76, 21600)]
    [InlineData("0", true, 0, 0)]
    [InlineData(" 5 ; w=60 ", true, 5, 60)]
    [InlineData("", false, 0, 0)]
    [InlineData("many", false, 0, 0)]
    [InlineData("-1;w=10", false, 0, 0)]
    public void TryParse_RateLimitHeader_ReadsCountAndWindow(string value, bool ok, int count, int windowSeconds)
    {
        Assert.Equal(ok, RateLimitHeader.TryParse(value, out var parsed, out var window));
        if (ok)
        {
            Assert.Equal((count, TimeSpan.FromSeconds(windowSeconds)), (parsed, window!.Value));
        }
    }

    [Fact]
    public async Task Send_RemainingFallsBelowFloor_PullsRefusedHeadsAllowed_UntilWindowResets()
    {
        var remaining = 12;
        var client = Client(_ => Limited(remaining--));

        (await client.GetAsync("http://hub.test/v2/library/nginx/manifests/1")).Dispose(); // says 12 left
        (await client.GetAsync("http://hub.test/v2/library/nginx/manifests/2")).Dispose(); // 11 left
        (await client.GetAsync("http://hub.test/v2/library/nginx/manifests/3")).Dispose(); // 10 left: not below the floor
        (await client.GetAsync("http://hub.test/v2/library/nginx/manifests/4")).Dispose(); // 9 left

        var refused = await Assert.ThrowsAsync<RateLimitBudgetExhaustedException>(() => client.GetAsync("http://hub.test/v2/library/nginx/manifests/4"));
        Assert.Equal(9, refused.Remaining);
        Assert.Contains("resets in ~6h", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RateLimitBudgetExhaustedException>(() => client.GetAsync("http://hub.test/v2/library/nginx/blobs/sha256:abc"));
        using (var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "http://hub.test/v2/library/nginx/manifests/4")))
        {
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        }

        _time.Advance(TimeSpan.FromHours(6));
        using var afterReset = await client.GetAsync("http://hub.test/v2/library/nginx/manifests/4");
        Assert.Equal(HttpStatusCode.OK, afterReset.StatusCode);
    }

    [Fact]
    public async Task Send_NoRateLimitHeaders_BudgetUnknownNeverRefuses()
    {
        var client = Client(_ => new HttpResponseMessage(HttpStatusCode.OK));
        for (var i = 0; i < 20; i++)
        {
            (await client.GetAsync($"http://hub.test/v2/library/nginx/manifests/{i}")).Dispose();
        }
        Assert.Null(_traffic.Snapshot()["hub.test"].RateLimitRemaining);
    }

    [Fact]
    public async Task Send_NothingLeft_ReportsZero_NotUnknown()
    {
        var client = Client(_ => Limited(0));
        (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "http://hub.test/v2/library/nginx/manifests/1"))).Dispose();

        // Zero left is the most important figure a run reports; only an absent header (a paid account) is unknown.
        Assert.Equal(0, _traffic.Snapshot()["hub.test"].RateLimitRemaining);
    }

    [Fact]
    public async Task Send_TooManyRequestsWithRetryAfter_RefusesPullsForThatLong()
    {
        var client = Client(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromMinutes(30));
            return response;
        });
        (await client.GetAsync("http://hub.test/v2/library/nginx/manifests/1")).Dispose();

        var refused = await Assert.ThrowsAsync<RateLimitBudgetExhaustedException>(() => client.GetAsync("http://hub.test/v2/library/nginx/manifests/1"));
        Assert.Equal(TimeSpan.FromMinutes(30), refused.ResetsIn);
        Assert.Equal(0, refused.Remaining);
    }

    [Fact]
    public async Task Send_TooManyRequestsWithAShortRetryAfter_DoesNotBlockTheRetryItAskedFor()
    {
        var calls = 0;
        var client = Client(_ =>
        {
            var response = new HttpResponseMessage(++calls == 1 ? HttpStatusCode.TooManyRequests : HttpStatusCode.OK);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(5));
            return response;
        });
        (await client.GetAsync("http://hub.test/v2/library/nginx/manifests/1")).Dispose();

        using var retried = await client.GetAsync("http://hub.test/v2/library/nginx/manifests/1");

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }

    [Fact]
    public async Task Send_BudgetIsPerCredential()
    {
        var client = Client(_ => Limited(3));
        (await client.GetAsync("http://hub.test/v2/library/nginx/manifests/1")).Dispose();
        await Assert.ThrowsAsync<RateLimitBudgetExhaustedException>(() => client.GetAsync("http://hub.test/v2/library/nginx/manifests/1"));

        using var asRobot = new HttpRequestMessage(HttpMethod.Get, "http://hub.test/v2/library/nginx/manifests/1");
        asRobot.Options.Set(RegistryRequestOptions.Credential, "robot");
        using var response = await client.SendAsync(asRobot);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Refusal_AsksWithoutSpending_SaysNoBelowTheFloorUntilTheReset()
    {
        var remaining = 11;
        var client = Client(_ => Limited(remaining--));
        (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "http://hub.test/v2/a/manifests/1"))).Dispose(); // 11 left

        for (var i = 0; i < 5; i++)
        {
            Assert.Null(_traffic.Refusal("hub.test", RegistryRequestOptions.Anonymous));
        }
        // Asking spent nothing: the pull still goes out (11 left, one in flight), and it says 10 left.
        (await client.GetAsync("http://hub.test/v2/a/manifests/1")).Dispose();
        Assert.Null(_traffic.Refusal("hub.test", RegistryRequestOptions.Anonymous));
        (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "http://hub.test/v2/a/manifests/1"))).Dispose(); // 9 left

        var refusal = _traffic.Refusal("hub.test", RegistryRequestOptions.Anonymous);
        Assert.Equal(9, refusal?.Remaining);
        Assert.Null(_traffic.Refusal("hub.test", "robot"));
        Assert.Null(_traffic.Refusal("other.test", RegistryRequestOptions.Anonymous));
        _time.Advance(TimeSpan.FromHours(6));
        Assert.Null(_traffic.Refusal("hub.test", RegistryRequestOptions.Anonymous));
    }

    [Fact]
    public async Task Send_Accounting_CountsEveryRequestAndManifestGetsAsPulls()
    {
        var client = Client(_ => Limited(90));
        (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "http://hub.test/v2/a/manifests/1"))).Dispose();
        (await client.GetAsync("http://hub.test/v2/a/manifests/1")).Dispose();
        (await client.GetAsync("http://hub.test/v2/a/blobs/sha256:abc")).Dispose();
        (await client.GetAsync("http://other.test/v2/a/tags/list")).Dispose();

        var snapshot = _traffic.Snapshot();
        Assert.Equal(new HostTraffic(3, 1, 90), snapshot["hub.test"]);
        Assert.Equal(new HostTraffic(1, 0, 90), snapshot["other.test"]);
    }

    // Parallel imports send pulls faster than their answers come back: each pull in flight spends the budget as it
    // goes out, so a burst cannot run past the floor into Docker Hub's 429s.
    [Fact]
    public async Task Send_PullsInFlight_SpendTheBudgetBeforeTheirAnswers_TheOneBelowTheFloorIsNeverSent()
    {
        var answers = new TaskCompletionSource();
        var held = new HeldHandler(answers.Task, () => Limited(12), signalAt: 4);
        var client = new HttpClient(new TrafficHandler(_traffic) { InnerHandler = held });
        (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "http://hub.test/v2/a/manifests/1"))).Dispose(); // 12 left

        var inFlight = Enumerable.Range(0, 3).Select(i => client.GetAsync($"http://hub.test/v2/a/manifests/{i}")).ToList(); // 11, 10, 9
        await held.Signalled;
        var refused = await Assert.ThrowsAsync<RateLimitBudgetExhaustedException>(() => client.GetAsync("http://hub.test/v2/a/blobs/sha256:abc"));
        answers.SetResult();
        foreach (var response in await Task.WhenAll(inFlight))
        {
            response.Dispose();
        }

        Assert.Equal(9, refused.Remaining);
        Assert.Equal(4, held.Sent);
        Assert.Equal(new HostTraffic(4, 3, 12), _traffic.Snapshot()["hub.test"]);
    }

    [Fact]
    public void BeforeSend_NotAPull_NeverRefusedNorSpent()
    {
        _traffic.AfterResponse("hub.test", RegistryRequestOptions.Anonymous, Limited(10));
        for (var i = 0; i < 5; i++)
        {
            _traffic.BeforeSend("hub.test", RegistryRequestOptions.Anonymous, pull: false, countsAsPull: false);
        }

        _traffic.BeforeSend("hub.test", RegistryRequestOptions.Anonymous, pull: true, countsAsPull: true); // 10: not below the floor
        Assert.Throws<RateLimitBudgetExhaustedException>(() => _traffic.BeforeSend("hub.test", RegistryRequestOptions.Anonymous, pull: true, countsAsPull: true));
        Assert.Equal(new HostTraffic(6, 1, 10), _traffic.Snapshot()["hub.test"]);
    }

    [Theory]
    [InlineData(200, "5", null, 60)] // no window, no Retry-After: a minute
    [InlineData(429, "0", 1800, 1800)] // no window: the 429's Retry-After
    [InlineData(429, "0;w=0", 1800, 1800)]
    [InlineData(200, "5;w=120", 1800, 120)] // the window wins
    public void AfterResponse_WindowFromTheHeaderElseRetryAfterElseAMinute(int status, string remaining, int? retryAfter, int resetsInSeconds)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        response.Headers.TryAddWithoutValidation("ratelimit-remaining", remaining);
        if (retryAfter is { } seconds)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        _traffic.AfterResponse("hub.test", RegistryRequestOptions.Anonymous, response);

        Assert.Equal(TimeSpan.FromSeconds(resetsInSeconds), _traffic.Refusal("hub.test", RegistryRequestOptions.Anonymous)?.ResetsIn);
        _time.Advance(TimeSpan.FromSeconds(resetsInSeconds - 1));
        Assert.NotNull(_traffic.Refusal("hub.test", RegistryRequestOptions.Anonymous));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(_traffic.Refusal("hub.test", RegistryRequestOptions.Anonymous));
        _traffic.BeforeSend("hub.test", RegistryRequestOptions.Anonymous, pull: true, countsAsPull: true);
    }

    [Fact]
    public void Refusal_AtTheFloor_NoneYet_BelowIt_Refused()
    {
        _traffic.AfterResponse("hub.test", RegistryRequestOptions.Anonymous, Limited(10));
        Assert.Null(_traffic.Refusal("hub.test", RegistryRequestOptions.Anonymous));

        _traffic.AfterResponse("hub.test", RegistryRequestOptions.Anonymous, Limited(9));
        var refusal = _traffic.Refusal("hub.test", RegistryRequestOptions.Anonymous);
        Assert.Equal((9, TimeSpan.FromHours(6), "hub.test", RegistryRequestOptions.Anonymous), (refusal?.Remaining, refusal?.ResetsIn, refusal?.Host, refusal?.Credential));
    }

    [Fact]
    public async Task CostSince_OnlyWhatWentOutSince_ByRegistryName_ListedOnesEvenAtZero()
    {
        var client = Client(_ => Limited(50));
        (await client.GetAsync("http://hub.test/v2/a/manifests/1")).Dispose();
        var before = _traffic.Snapshot();
        (await client.GetAsync("http://hub.test/v2/a/manifests/2")).Dispose();
        (await client.GetAsync("http://hub.test/v2/a/blobs/sha256:abc")).Dispose();
        (await client.GetAsync("http://new.test/v2/a/manifests/2")).Dispose();
        var endpoints = new RegistryEndpoints(Options.Create(new RegistryOptions
        {
            Endpoints = [new RegistryEndpointOptions { Registry = "docker.io", Url = "https://hub.test" }],
        }));

        var cost = _traffic.CostSince(before, endpoints, ["docker.io", "ghcr.io", "GHCR.io"]);

        Assert.Equal(new HostTraffic(2, 1, 50), cost["docker.io"]);
        Assert.Equal(new HostTraffic(1, 1, 50), cost["new.test"]);
        Assert.Equal(new HostTraffic(0, 0, null), cost["ghcr.io"]);
        Assert.Equal(3, cost.Count);
    }

    private HttpClient Client(Func<HttpRequestMessage, HttpResponseMessage> respond) =>
        new(new TrafficHandler(_traffic) { InnerHandler = new StubHttpMessageHandler(respond) });

    private static HttpResponseMessage Limited(int remaining)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("ratelimit-limit", "100;w=21600");
        response.Headers.TryAddWithoutValidation("ratelimit-remaining", $"{remaining};w=21600");
        return response;
    }

    // Holds every answer until the test lets them go: requests in flight, as parallel imports have them.
    private sealed class HeldHandler(Task release, Func<HttpResponseMessage> respond, int signalAt) : HttpMessageHandler
    {
        private readonly TaskCompletionSource _signalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _sent;

        public int Sent => Volatile.Read(ref _sent);

        // Completes when the signalAt-th request has reached the wire.
        public Task Signalled => _signalled.Task;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var sent = Interlocked.Increment(ref _sent);
            if (sent == signalAt)
            {
                _signalled.SetResult();
            }
            if (sent > 1)
            {
                await release.WaitAsync(cancellationToken);
            }
            return respond();
        }
    }
}
