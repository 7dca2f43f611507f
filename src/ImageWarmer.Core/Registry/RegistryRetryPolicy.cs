using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.Registry;

/// <summary>
/// Which registry responses are worth another try, and how long to wait first, read off the <see cref="FailureKind"/>:
/// transient ones (408, 5xx, broken connections) are retried; a rate limit only when its <c>Retry-After</c> is short
/// (a long one, such as Docker Hub's window, is not waited out: the request fails and the budget says why).
/// </summary>
public static class RegistryRetryPolicy
{
    /// <summary>Whether to send the request again after <paramref name="response"/> or <paramref name="exception"/>.</summary>
    public static bool ShouldRetry(HttpResponseMessage? response, Exception? exception, TimeSpan maxRetryAfter, DateTimeOffset now)
    {
        if (exception is not null)
        {
            // A cancellation (the caller's, or the client's overall timeout) ends the request; it is not retried here.
            return exception is not OperationCanceledException && Failure.KindOf(exception) == FailureKind.Transient;
        }
        if (response is null || response.IsSuccessStatusCode)
        {
            return false;
        }
        return HttpFailures.KindOf((int)response.StatusCode) switch
        {
            FailureKind.Transient or FailureKind.RateLimited => RetryAfterHeader.From(response, now) is not { } wait || wait <= maxRetryAfter,
            _ => false,
        };
    }

    /// <summary>The wait the response asks for, or null to use the exponential backoff.</summary>
    public static TimeSpan? Delay(HttpResponseMessage? response, DateTimeOffset now) =>
        response is null ? null : RetryAfterHeader.From(response, now);
}
