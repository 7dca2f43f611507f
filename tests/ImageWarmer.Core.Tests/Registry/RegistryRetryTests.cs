using System.Net;
using System.Net.Http.Headers;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Registry.Traffic;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Time.Testing;

namespace ImageWarmer.Core.Tests.Registry;

public sealed class RegistryRetryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.OK, false)]
    public void ShouldRetry_Status_TransientOnly(HttpStatusCode status, bool expected) =>
        Assert.Equal(expected, RegistryRetryPolicy.ShouldRetry(new HttpResponseMessage(status), null, TimeSpan.FromMinutes(1), Now));

    [Fact]
    public void ShouldRetryAndDelay_RetryAfter_SecondsAndDateHonouredWithinTheCap()
    {
        var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(20));
        var hours = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        hours.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(6));

        Assert.Equal(TimeSpan.FromSeconds(7), RegistryRetryPolicy.Delay(seconds, Now));
        Assert.Equal(TimeSpan.FromSeconds(20), RegistryRetryPolicy.Delay(date, Now));
        Assert.True(RegistryRetryPolicy.ShouldRetry(date, null, TimeSpan.FromMinutes(1), Now));
        Assert.False(RegistryRetryPolicy.ShouldRetry(hours, null, TimeSpan.FromMinutes(1), Now));
        Assert.Null(RegistryRetryPolicy.Delay(new HttpResponseMessage(HttpStatusCode.BadGateway), Now));
    }

    [Fact]
    public void ShouldRetry_Exceptions_ConnectionYesBudgetNo()
    {
        Assert.True(RegistryRetryPolicy.ShouldRetry(null, new HttpRequestException("reset"), TimeSpan.FromMinutes(1), Now));
        Assert.False(RegistryRetryPolicy.ShouldRetry(null, new RateLimitBudgetExhaustedException("h", "c", 0, TimeSpan.FromHours(1)), TimeSpan.FromMinutes(1), Now));
    }

    [Fact]
    public async Task RegistryClient_TransientFailuresThenSuccess_RetriedWithRetryAfterWaits()
    {
        var responses = new Queue<Func<HttpResponseMessage>>(
        [
            () => WithRetryAfter(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(3)),
            () => WithRetryAfter(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(5)),
            () => Found(),
        ]);
        var sentAt = new List<DateTimeOffset>();
        FakeTimeProvider? clock = null;
        var (client, stub, time) = Build(_ =>
        {
            sentAt.Add(clock!.GetUtcNow());
            return responses.Dequeue()();
        });
        clock = time;

        var resolving = client.TryResolveAsync(ImageReference.Parse("registry.test/team/app:1"));
        await AdvanceUntilDone(resolving, time);

        Assert.Equal("sha256:" + new string('a', 64), (await resolving)!.Digest);
        Assert.Equal(3, stub.Requests.Count);
        // A retry cannot go out before the time Retry-After asked for (the backoff alone would be ~0.5 s and ~1 s).
        Assert.True(sentAt[1] - sentAt[0] >= TimeSpan.FromSeconds(3), $"first retry after {sentAt[1] - sentAt[0]}");
        Assert.True(sentAt[2] - sentAt[1] >= TimeSpan.FromSeconds(5), $"second retry after {sentAt[2] - sentAt[1]}");
    }

    [Fact]
    public async Task RegistryClient_AlwaysFailing_StopsAfterMaxAttempts()
    {
        var (client, stub, time) = Build(_ => new HttpResponseMessage(HttpStatusCode.BadGateway));

        var resolving = client.TryResolveAsync(ImageReference.Parse("registry.test/team/app:1"));
        await AdvanceUntilDone(resolving, time);

        var e = await Assert.ThrowsAsync<RegistryRequestException>(() => resolving);
        Assert.Equal(HttpStatusCode.BadGateway, e.Status);
        Assert.Equal(1 + 3, stub.Requests.Count);
    }

    [Fact]
    public async Task RegistryClient_RetryAfterLongerThanCap_FailsAtOnce()
    {
        var (client, stub, _) = Build(_ => WithRetryAfter(HttpStatusCode.TooManyRequests, TimeSpan.FromHours(6)));

        var e = await Assert.ThrowsAsync<RegistryRequestException>(() => client.TryResolveAsync(ImageReference.Parse("registry.test/team/app:1")));

        Assert.Equal(HttpStatusCode.TooManyRequests, e.Status);
        Assert.Single(stub.Requests);
    }

    // Moves fake time forward until the call completes, so retry waits cost no real time.
    private static async Task AdvanceUntilDone(Task task, FakeTimeProvider time)
    {
        for (var i = 0; i < 10_000 && !task.IsCompleted; i++)
        {
            await Task.Yield();
            time.Advance(TimeSpan.FromMilliseconds(100));
        }
        try
        {
            await task;
        }
        catch (RegistryRequestException)
        {
            // The caller asserts on the failure.
        }
    }

    private static (RegistryClient Client, StubHttpMessageHandler Stub, FakeTimeProvider Time) Build(Func<HttpRequestMessage, HttpResponseMessage> respond)
    {
        var time = new FakeTimeProvider(Now);
        var stub = new StubHttpMessageHandler(respond);
        var provider = RegistryTestHost.Build(
            new Dictionary<string, string?> { ["ImageWarmer:Registry:MaxRetryAttempts"] = "3", ["ImageWarmer:Registry:Insecure:0"] = "registry.test" },
            services =>
            {
                services.AddSingleton<TimeProvider>(time);
                services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = stub));
            });
        return (provider.GetRequiredService<RegistryClient>(), stub, time);
    }

    private static HttpResponseMessage WithRetryAfter(HttpStatusCode status, TimeSpan wait)
    {
        var response = new HttpResponseMessage(status);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(wait);
        return response;
    }

    private static HttpResponseMessage Found()
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
        response.Headers.TryAddWithoutValidation("Docker-Content-Digest", "sha256:" + new string('a', 64));
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(MediaTypes.OciManifest);
        return response;
    }
}
