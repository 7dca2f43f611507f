using System.Globalization;

namespace ImageWarmer.Core.Failures;

/// <summary>The one reader of <c>Retry-After</c> (RFC 9110 §10.2.3): seconds, or an HTTP date. A date in the past,
/// or a negative number, means "now" (zero), never a negative wait that a timer would refuse.</summary>
public static class RetryAfterHeader
{
    /// <summary>The wait <paramref name="value"/> asks for at <paramref name="now"/>, or null when there is none or it is unreadable.</summary>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        value = value.Trim();
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Clamp(seconds, 0, (long)TimeSpan.FromDays(365).TotalSeconds));
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? (date > now ? date - now : TimeSpan.Zero)
            : null;
    }

    /// <summary>The wait a response's <c>Retry-After</c> asks for.</summary>
    public static TimeSpan? From(HttpResponseMessage response, DateTimeOffset now) =>
        response.Headers.TryGetValues("Retry-After", out var values) ? Parse(values.FirstOrDefault(), now) : null;
}
