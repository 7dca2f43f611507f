namespace ImageWarmer.Core.Failures;

/// <summary>
/// What kind of failure something was: the one list every layer maps its errors to, once, so that retrying, deferring,
/// failing and rejecting read the kind and never a status code. The kinds follow what a caller can do about it.
/// </summary>
public enum FailureKind
{
    /// <summary>The thing asked for is not there (a tag, a repository, a blob, a snapshot).</summary>
    NotFound,

    /// <summary>The credentials were refused or lack the right (401, 403, <c>DENIED</c>).</summary>
    Unauthorized,

    /// <summary>A rate limit: upstream said 429, or our own budget of pulls is spent. Wait for the reset, do not fail.</summary>
    RateLimited,

    /// <summary>A hiccup a later try may not meet: a broken connection, a timeout, 408, 5xx.</summary>
    Transient,

    /// <summary>Content is not what it claims to be: a digest or size that does not match.</summary>
    Integrity,

    /// <summary>Input we cannot use: a malformed message, manifest, reference or archive, or one over a limit.</summary>
    InvalidInput,

    /// <summary>Our own setup is wrong or incomplete (a missing setting, plain HTTP to a registry not allowed it).</summary>
    Configuration,

    /// <summary>The other side understood the request and refused it for good (a 4xx that is none of the above, an import ARM failed).</summary>
    Refused,
}
