using System.Text;
using System.Text.Json;
using Azure;
using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.Importing.Acr;

/// <summary>
/// One ARM answer to the import or one of its polls, read for what it means. As recorded from <c>az acr import</c>:
/// the POST answers <c>202</c>, empty, with <c>Location</c>; a poll answers <c>202 {"status":"Accepted"}</c> until
/// <c>200 {"status":"Succeeded"}</c>, or an operation <c>{"status":"Failed","error":{…}}</c>. ARM's long-running
/// operations end in <c>Succeeded</c>, <c>Failed</c> or <c>Canceled</c>; any other status is still running.
/// </summary>
public sealed record ArmReply(int Status, Uri? Location, TimeSpan? RetryAfter, string? OperationStatus, ArmError? Error, string? RawBody)
{
    private const int MaxRawChars = 1024;

    /// <summary>Whether the operation is still running and is to be polled.</summary>
    public bool IsRunning => Status is >= 200 and < 300 && (OperationStatus is null ? Status == 202 : !IsTerminal(OperationStatus));

    /// <summary>Whether the operation finished well.</summary>
    public bool IsSucceeded => Status is >= 200 and < 300 && !IsRunning
        && (OperationStatus is null || OperationStatus.Equals("Succeeded", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether ARM says the target tag is there already (a NoForce import that lost to another writer).</summary>
    public bool IsTagConflict => Error?.Message?.Contains("already exists in target registry", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The kind of failure a reply that neither runs nor succeeded stands for: a rate limit when the error
    /// says so (the source's, met by ACR, or ARM's own); else an operation that failed is refused, and an HTTP failure
    /// is what its status says.</summary>
    public FailureKind FailureKind => ArmRateLimit.IsRateLimit(Error) ? FailureKind.RateLimited
        : Status is >= 200 and < 300 ? FailureKind.Refused
        : HttpFailures.KindOf(Status);

    /// <summary>What went wrong, in ARM's words: the operation's status and error, or the raw body when it had no error.</summary>
    public string Describe()
    {
        var what = OperationStatus is null ? $"HTTP {Status}" : $"HTTP {Status}, operation {OperationStatus}";
        return Error is not null ? $"{what}: {Error.Code}: {Error.Message}"
            : RawBody is { Length: > 0 } raw ? $"{what}: {raw}"
            : what;
    }

    /// <summary>Reads <paramref name="response"/> to a request for <paramref name="requestUri"/>.</summary>
    public static ArmReply From(Response response, Uri requestUri, DateTimeOffset now)
    {
        var location = response.Headers.TryGetValue("Azure-AsyncOperation", out var operation) || response.Headers.TryGetValue("Location", out operation)
            ? new Uri(requestUri, operation)
            : null;
        var retryAfter = response.Headers.TryGetValue("Retry-After", out var wait) ? RetryAfterHeader.Parse(wait, now) : null;
        var content = response.Content?.ToMemory() ?? ReadOnlyMemory<byte>.Empty;
        ArmResponse? body = null;
        if (!content.IsEmpty)
        {
            try
            {
                body = JsonSerializer.Deserialize(content.Span, AcrImportJson.Default.ArmResponse);
            }
            catch (JsonException)
            {
                // Not ARM's JSON (a gateway's page): the status and the raw text have to do.
            }
        }
        var raw = content.IsEmpty ? null : Encoding.UTF8.GetString(content.Span[..Math.Min(content.Length, MaxRawChars * 4)]);
        if (raw is { Length: > MaxRawChars })
        {
            raw = raw[..MaxRawChars] + "…";
        }
        return new ArmReply(response.Status, location, retryAfter, body?.Status, body?.AnyError, raw?.ReplaceLineEndings(" ").Trim());
    }

    private static bool IsTerminal(string status) =>
        status.Equals("Succeeded", StringComparison.OrdinalIgnoreCase) || status.Equals("Failed", StringComparison.OrdinalIgnoreCase)
        || status.Equals("Canceled", StringComparison.OrdinalIgnoreCase);
}
