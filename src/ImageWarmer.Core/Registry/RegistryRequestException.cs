using System.Net;
using System.Text.Json;

namespace ImageWarmer.Core.Registry;

/// <summary>A registry answered with an error: the HTTP status and the codes of the OCI error body
/// (<c>{"errors":[{"code","message","detail"}]}</c>). See
/// https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes.</summary>
public sealed class RegistryRequestException(HttpStatusCode status, IReadOnlyList<string> codes, string message, Exception? inner = null)
    : Exception(message, inner)
{
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode Status { get; } = status;

    /// <summary>The error codes of the body (<see cref="RegistryErrorCodes"/>), empty when it had none.</summary>
    public IReadOnlyList<string> Codes { get; } = codes;

    /// <summary>How long the registry asked to wait (<c>Retry-After</c> of a 429 or 503), if it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Whether the registry refused for the rate limit (429 or <c>TOOMANYREQUESTS</c>).</summary>
    public bool IsRateLimited => (int)Status == 429 || Has(RegistryErrorCodes.TooManyRequests);

    /// <summary>Whether the body carried <paramref name="code"/>.</summary>
    public bool Has(string code) => Codes.Contains(code, StringComparer.Ordinal);

    /// <summary>Reads the error body of <paramref name="response"/> into an exception naming the request.</summary>
    public static async Task<RegistryRequestException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        var request = response.RequestMessage;
        var codes = new List<string>();
        var messages = new List<string>();
        try
        {
            var body = await ReadBoundedAsync(response, cancellationToken);
            if (body.Length > 0)
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("errors", out var errors)
                    && errors.ValueKind == JsonValueKind.Array)
                {
                    foreach (var error in errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
                    {
                        var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "UNKNOWN";
                        codes.Add(code);
                        messages.Add(error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? $"{code}: {m.GetString()}" : code);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not the OCI error body (a proxy's HTML page, say): the status alone has to do.
        }
        var detail = messages.Count > 0 ? string.Join("; ", messages) : response.ReasonPhrase ?? "no error body";
        return new RegistryRequestException(response.StatusCode, codes,
            $"{request?.Method} {request?.RequestUri} failed with {(int)response.StatusCode} {detail}")
        {
            RetryAfter = Traffic.RegistryTraffic.RetryAfter(response, DateTimeOffset.UtcNow),
        };
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxBodyBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }
        return buffer[..total];
    }
}
