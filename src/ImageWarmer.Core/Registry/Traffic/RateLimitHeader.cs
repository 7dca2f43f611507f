using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ImageWarmer.Core.Registry.Traffic;

/// <summary>
/// Docker Hub's rate-limit headers: <c>ratelimit-limit: 100;w=21600</c> and <c>ratelimit-remaining: 76;w=21600</c>
/// (a count, and the window in seconds). See https://docs.docker.com/docker-hub/usage/pulls/.
/// </summary>
public sealed record RateLimitHeader(int? Limit, int Remaining, TimeSpan? Window)
{
    /// <summary>The headers of <paramref name="response"/>; null when it has none (unknown, not zero).</summary>
    public static RateLimitHeader? FromResponse(HttpResponseMessage response)
    {
        if (!TryParse(Header(response, "ratelimit-remaining"), out var remaining, out var window))
        {
            return null;
        }
        int? limit = TryParse(Header(response, "ratelimit-limit"), out var total, out var limitWindow) ? total : null;
        return new RateLimitHeader(limit, remaining, window ?? limitWindow);
    }

    /// <summary>Parses <c>76;w=21600</c> (the window is optional).</summary>
    public static bool TryParse(string? value, out int count, [NotNullWhen(true)] out TimeSpan? window)
    {
        count = 0;
        window = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }
        var parts = value.Split(';', StringSplitOptions.TrimEntries);
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out count))
        {
            return false;
        }
        var w = parts.Skip(1).FirstOrDefault(p => p.StartsWith("w=", StringComparison.OrdinalIgnoreCase));
        window = w is not null && int.TryParse(w[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.Zero;
        return true;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
