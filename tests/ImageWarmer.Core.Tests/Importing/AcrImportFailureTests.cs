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

/// <summary>The ACR importer when ARM or the network fails: what is retried, and what each failure's kind and words are.</summary>
public sealed class AcrImportFailureTests : ArmStubbedTests
{
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
        Assert.True(Time.GetUtcNow() - Start >= TimeSpan.FromSeconds(20));
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
    [InlineData("InvalidParameter", "Error copying image: toomanyrequests: You have reached your pull rate limit.", FailureKind.RateLimited)]
    [InlineData("ImportImageFailed", "Source registry answered 429 Too Many Requests", FailureKind.RateLimited)]
    [InlineData("TooManyRequests", "Throttled", FailureKind.RateLimited)]
    [InlineData("InvalidParameter", "Source image not found.", FailureKind.Refused)]
    [InlineData("InvalidParameter", "Manifest sha256:4290000000 not found.", FailureKind.Refused)]
    public async Task Import_FailedOperation_UpstreamRateLimitIsRateLimitedNotRefused(string code, string message, FailureKind kind)
    {
        var (importer, _) = Build(request => request.Method == HttpMethod.Post
            ? Accepted(Operation)
            : Json(HttpStatusCode.OK, JsonSerializer.Serialize(new { status = "Failed", error = new { code, message } })));

        var e = await Assert.ThrowsAsync<ImportFailedException>(() => Run(importer.ImportAsync(Request("nginx:1.27", "library/nginx:1.27"))));

        Assert.Equal(kind, e.Kind);
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
}
