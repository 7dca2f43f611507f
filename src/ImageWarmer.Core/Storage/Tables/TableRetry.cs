using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ImageWarmer.Core.Storage.Tables;

/// <summary>
/// The Table service's HTTP client: it retries what Azure.Core's pipeline retries for Blobs and Queues (a dropped
/// connection, a timeout, 408, 429 and 5xx), three times with jittered backoff, and follows no redirect (a redirect
/// would take the request's signature or token elsewhere). Its writes are safe to repeat: an insert that did land
/// answers 409 and the ledger reads the row again; upserts and batches of upserts are idempotent.
/// </summary>
public static class TableRetry
{
    /// <summary>A client with the retries, over a connection pool of its own.</summary>
    public static HttpClient CreateClient()
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
            })
            .Build();
        // Shared for the life of the process (a Functions worker runs for days), so its connections are renewed now and
        // then: a storage endpoint that moves (DNS) is followed, as IHttpClientFactory's handler rotation would.
        return new HttpClient(new ResilienceHandler(pipeline)
        {
            InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        });
    }
}
