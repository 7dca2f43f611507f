using System.Text.RegularExpressions;

namespace ImageWarmer.Core.Importing.Acr;

/// <summary>
/// Whether an ARM error means the source registry rate-limited ACR's pull (Docker Hub's <c>toomanyrequests: You have
/// reached your pull rate limit</c>, a <c>429</c> from the source quoted inside a failed import, or ARM's own
/// <c>TooManyRequests</c>): the image waits for the reset (deferred), it did not fail.
/// </summary>
public static partial class ArmRateLimit
{
    [GeneratedRegex(@"too\s?many\s?requests|pull rate limit|\b429\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RateLimitWords();

    /// <summary>Whether <paramref name="error"/>'s code or message says "rate limited".</summary>
    public static bool IsRateLimit(ArmError? error) =>
        error is not null && (RateLimitWords().IsMatch(error.Code ?? "") || RateLimitWords().IsMatch(error.Message ?? ""));
}
