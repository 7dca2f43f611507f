using ImageWarmer.Core.Registry.Traffic;

namespace ImageWarmer.Core.Registry;

/// <summary>Which failures are worth trying again later (a queue retry): a registry that was down, slow or busy.
/// A refusal (401, 403, 404), a bad digest or an invalid request is not: it would fail the same way.</summary>
public static class TransientFailures
{
    /// <summary>Whether <paramref name="exception"/> might not happen on a later try.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        RateLimitBudgetExhaustedException => true,
        RegistryRequestException r => (int)r.Status >= 500 || (int)r.Status is 408 or 429,
        HttpRequestException or IOException or TimeoutException or OperationCanceledException => true,
        _ => false,
    };
}
