using System.Net;
using ImageWarmer.Core.Registry.Traffic;

namespace ImageWarmer.Core.Registry;

/// <summary>
/// Which registry responses are worth another try, and how long to wait first: 429 and 5xx (and broken
/// connections) are retried; a <c>Retry-After</c> (seconds or an HTTP date) is honoured when it is short, and a long
/// one (Docker Hub's rate-limit window) is not waited out: the request fails and the budget says why.
/// </summary>
public static class RegistryRetryPolicy
{
    private static readonly HttpStatusCode[] Transient =
        [HttpStatusCode.RequestTimeout, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError,
         HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout];

    /// <summary>Whether to send the request again after <paramref name="response"/> or <paramref name="exception"/>.</summary>
    public static bool ShouldRetry(HttpResponseMessage? response, Exception? exception, TimeSpan maxRetryAfter, DateTimeOffset now)
    {
        if (exception is not null)
        {
            return exception is HttpRequestException && exception is not RateLimitBudgetExhaustedException;
        }
        if (response is null || !Transient.Contains(response.StatusCode))
        {
            return false;
        }
        return RegistryTraffic.RetryAfter(response, now) is not { } wait || wait <= maxRetryAfter;
    }

    /// <summary>The wait the response asks for, or null to use the exponential backoff.</summary>
    public static TimeSpan? Delay(HttpResponseMessage? response, DateTimeOffset now) =>
        response is null ? null : RegistryTraffic.RetryAfter(response, now);
}
