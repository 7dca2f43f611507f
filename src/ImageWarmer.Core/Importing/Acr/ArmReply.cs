using System.Text.Json;
using Azure;
using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.Importing.Acr;

/// <summary>
/// One ARM answer to the import or one of its polls, read for what it means: still running (<c>202</c>, or an
/// operation body saying <c>Accepted</c>/<c>InProgress</c>/<c>Running</c>), done, or failed with ARM's error. The
/// body of an operation is <c>{"status":"…","error":{"code","message"}}</c>; a failure body is <c>{"error":{…}}</c>.
/// </summary>
public sealed record ArmReply(int Status, Uri? Location, TimeSpan? RetryAfter, string? OperationStatus, ArmError? Error)
{
    /// <summary>Whether the operation is still running and is to be polled.</summary>
    public bool IsRunning => OperationStatus is "Accepted" or "InProgress" or "Running" || (OperationStatus is null && Status == 202);

    /// <summary>Whether the operation finished well.</summary>
    public bool IsSucceeded => Status is >= 200 and < 300 && !IsRunning && OperationStatus is null or "Succeeded";

    /// <summary>The kind of failure a reply that neither runs nor succeeded stands for.</summary>
    public FailureKind FailureKind => ArmRateLimit.IsRateLimit(Error) ? FailureKind.RateLimited
        : OperationStatus is "Failed" or "Canceled" ? FailureKind.Refused
        : HttpFailures.KindOf(Status);

    /// <summary>Reads <paramref name="response"/> to a request for <paramref name="requestUri"/>.</summary>
    public static ArmReply From(Response response, Uri requestUri, DateTimeOffset now)
    {
        var location = response.Headers.TryGetValue("Azure-AsyncOperation", out var operation) || response.Headers.TryGetValue("Location", out operation)
            ? new Uri(requestUri, operation)
            : null;
        var retryAfter = response.Headers.TryGetValue("Retry-After", out var wait) ? RetryAfterHeader.Parse(wait, now) : null;
        ArmResponse? body = null;
        if (!response.Content.ToMemory().IsEmpty)
        {
            try
            {
                body = response.Content.ToObjectFromJson(AcrImportJson.Default.ArmResponse);
            }
            catch (JsonException)
            {
                // Not ARM's JSON (a gateway's page): the status alone has to do.
            }
        }
        return new ArmReply(response.Status, location, retryAfter, body?.Status, body?.Error);
    }
}
