using System.Net;
using System.Text.Json;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Registry.Auth;
using ImageWarmer.Core.Streams;

namespace ImageWarmer.Core.Registry;

/// <summary>A registry answered with an error: the HTTP status and the codes of the OCI error body
/// (<c>{"errors":[{"code","message","detail"}]}</c>), mapped to a <see cref="FailureKind"/> once, here. See
/// https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes.</summary>
public sealed class RegistryRequestException(
    HttpStatusCode status, IReadOnlyList<string> codes, string message, Exception? inner = null, bool fromRedirectTarget = false)
    : ImageWarmerException(HttpFailures.KindOf((int)status, codes, fromRedirectTarget), message, inner)
{
    /// <summary>Most bytes of an error body read.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    // What of the body's messages goes into the exception's message (and so into reports and the ledger).
    private const int MaxDetailLength = 1024;

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode Status { get; } = status;

    /// <summary>The error codes of the body (<see cref="RegistryErrorCodes"/>), empty when it had none.</summary>
    public IReadOnlyList<string> Codes { get; } = codes;

    /// <summary>Whether the body carried <paramref name="code"/>.</summary>
    public bool Has(string code) => Codes.Contains(code, StringComparer.Ordinal);

    /// <summary>Reads the error body of <paramref name="response"/> (at most 64 KiB) into an exception naming the request.</summary>
    public static async Task<RegistryRequestException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        var request = response.RequestMessage;
        var codes = new List<string>();
        var messages = new List<string>();
        try
        {
            var body = await BoundedContent.ReadAsync(response.Content, MaxBodyBytes, cancellationToken);
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
        catch (Exception e) when (e is JsonException or ImageWarmerException)
        {
            // Not the OCI error body (a proxy's HTML page, or more than we read): the status alone has to do.
        }
        var detail = messages.Count > 0 ? string.Join("; ", messages) : response.ReasonPhrase ?? "no error body";
        if (detail.Length > MaxDetailLength)
        {
            detail = detail[..MaxDetailLength] + "…";
        }
        var redirectedFrom = request?.Options.TryGetValue(RegistryRequestOptions.RedirectedFrom, out var origin) == true ? origin : null;
        var what = redirectedFrom is null
            ? $"{request?.Method} {request?.RequestUri} failed with {(int)response.StatusCode} {detail}"
            // The target's URL is often signed: its query is a secret of sorts, and is left out.
            : $"{request?.Method} {redirectedFrom} was redirected to {request?.RequestUri?.GetLeftPart(UriPartial.Path)}, which answered " +
              $"{(int)response.StatusCode} {detail}; a redirect target gets none of the registry's credentials";
        if (request?.Options.TryGetValue(RegistryRequestOptions.CredentialWithheld, out var withheld) == true)
        {
            what += $" ({withheld})";
        }
        return new RegistryRequestException(response.StatusCode, codes, what, fromRedirectTarget: redirectedFrom is not null)
        {
            RetryAfter = RetryAfterHeader.From(response, DateTimeOffset.UtcNow),
        };
    }
}
