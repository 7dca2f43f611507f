namespace ImageWarmer.Core.Failures;

/// <summary>The kind an HTTP status (and the OCI error codes of its body) stands for: the one place a status is read
/// for what it means, by the registry client, the retry policy and the ACR importer alike.</summary>
public static class HttpFailures
{
    /// <summary>The kind of a response with <paramref name="status"/>; OCI error <paramref name="codes"/> refine it
    /// (a 403 <c>TOOMANYREQUESTS</c> is a rate limit, a 400 <c>MANIFEST_UNKNOWN</c> is "not found"). A 401 or 403 from a
    /// host a registry redirected to (<paramref name="fromRedirectTarget"/>) is not the registry refusing our credential:
    /// most often its signed URL expired, and asking the registry again gets a fresh one, so it is transient.</summary>
    public static FailureKind KindOf(int status, IReadOnlyCollection<string>? codes = null, bool fromRedirectTarget = false)
    {
        if (fromRedirectTarget && status is 401 or 403)
        {
            return FailureKind.Transient;
        }
        if (codes is { Count: > 0 })
        {
            if (codes.Contains("TOOMANYREQUESTS"))
            {
                return FailureKind.RateLimited;
            }
            if (codes.Contains("MANIFEST_UNKNOWN") || codes.Contains("NAME_UNKNOWN") || codes.Contains("BLOB_UNKNOWN"))
            {
                return FailureKind.NotFound;
            }
        }
        return status switch
        {
            401 or 403 => FailureKind.Unauthorized,
            404 => FailureKind.NotFound,
            429 => FailureKind.RateLimited,
            408 or >= 500 => FailureKind.Transient,
            _ => FailureKind.Refused,
        };
    }
}
