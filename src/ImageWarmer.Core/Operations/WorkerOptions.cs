namespace ImageWarmer.Core.Operations;

/// <summary>
/// How the unattended processes (the Functions app, <c>imagewarmer worker</c> and <c>nightly</c>) bound the registry
/// client's retries. The queue's tries are the outer loop (<c>maxDequeueCount</c>, then the poison queue): inside one
/// try only a short hiccup is retried, so a persistently failing upstream costs at most
/// <c>1 + RegistryRetryAttempts</c> requests per try. Section <c>ImageWarmer:Worker</c>.
/// </summary>
public sealed class WorkerOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "ImageWarmer:Worker";

    /// <summary>Most retries of one registry request inside a queue try (lowers <c>ImageWarmer:Registry:MaxRetryAttempts</c>).</summary>
    public int RegistryRetryAttempts { get; set; } = 1;

    /// <summary>The longest wait before such a retry (lowers <c>ImageWarmer:Registry:MaxRetryAfter</c>): a longer
    /// <c>Retry-After</c> ends the try, and the queue or the rate-limit deferral takes over.</summary>
    public TimeSpan RegistryRetryBudget { get; set; } = TimeSpan.FromSeconds(10);
}
