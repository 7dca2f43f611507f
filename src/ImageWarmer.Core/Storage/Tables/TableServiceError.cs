using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Streams;

namespace ImageWarmer.Core.Storage.Tables;

/// <summary>The Table service's refusal as the Azure SDK reports one: a <see cref="RequestFailedException"/> with the
/// status, the service's error code (the <c>x-ms-error-code</c> header, else the body's <c>odata.error.code</c>) and its
/// message. See https://learn.microsoft.com/rest/api/storageservices/table-service-error-codes.</summary>
internal static partial class TableServiceError
{
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>The failure <paramref name="response"/> (not a success) describes.</summary>
    public static async Task<RequestFailedException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var code = response.Headers.TryGetValues("x-ms-error-code", out var codes) ? codes.FirstOrDefault() : null;
        string? message = null;
        try
        {
            var body = await BoundedContent.ReadAsync(response.Content, MaxBodyBytes, cancellationToken);
            if (body.Length > 0 && JsonSerializer.Deserialize(body, TableErrorJson.Default.TableErrorBody)?.Error is { } error)
            {
                code ??= error.Code;
                message = error.Message?.Value;
            }
        }
        catch (Exception e) when (e is JsonException or ImageWarmerException)
        {
            // An unreadable or oversized error body: the status and the header still say what happened.
        }
        var firstLine = message?.Split('\n', 2)[0].Trim();
        return new RequestFailedException(status, $"{status} {code ?? response.ReasonPhrase}{(firstLine is { Length: > 0 } ? ": " + firstLine : "")}", code, null);
    }

    internal sealed record TableErrorBody([property: JsonPropertyName("odata.error")] TableErrorDetail? Error);

    internal sealed record TableErrorDetail(
        [property: JsonPropertyName("code")] string? Code,
        [property: JsonPropertyName("message")] TableErrorMessage? Message);

    internal sealed record TableErrorMessage([property: JsonPropertyName("value")] string? Value);

    [JsonSerializable(typeof(TableErrorBody))]
    internal sealed partial class TableErrorJson : JsonSerializerContext;
}
