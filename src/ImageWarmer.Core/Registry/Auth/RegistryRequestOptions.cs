namespace ImageWarmer.Core.Registry.Auth;

/// <summary>What the auth handler tells the handlers after it about a request.</summary>
public static class RegistryRequestOptions
{
    /// <summary>Which credential the request goes out with (a username, <c>entra-id</c>, or <c>anonymous</c>):
    /// rate limits are counted per host and credential.</summary>
    public static readonly HttpRequestOptionsKey<string> Credential = new("ImageWarmer.Credential");

    /// <summary>Set on a request whose body is a one-pass stream: the retry handler must not send it again.</summary>
    public static readonly HttpRequestOptionsKey<bool> NotRetryable = new("ImageWarmer.NotRetryable");

    /// <summary>The name for requests sent without credentials.</summary>
    public const string Anonymous = "anonymous";
}
