namespace ImageWarmer.Core.Registry.Auth;

/// <summary>What the handlers of the registry client tell each other about a request.</summary>
public static class RegistryRequestOptions
{
    /// <summary>Which credential the request goes out with (a username, <c>entra-id</c>, or <c>anonymous</c>):
    /// rate limits are counted per host and credential.</summary>
    public static readonly HttpRequestOptionsKey<string> Credential = new("ImageWarmer.Credential");

    /// <summary>Set on a request whose body is a one-pass stream: the retry handler must not send it again.</summary>
    public static readonly HttpRequestOptionsKey<bool> NotRetryable = new("ImageWarmer.NotRetryable");

    /// <summary>Set on a request to a redirect target on another host: the URL the registry was asked at. The auth
    /// handler gives such a request nothing and does not answer its challenge.</summary>
    public static readonly HttpRequestOptionsKey<Uri> RedirectedFrom = new("ImageWarmer.RedirectedFrom");

    /// <summary>Set when the registry's credential was withheld from a token realm (<see cref="RealmPolicy"/>): why,
    /// so that a failure of the request can say so.</summary>
    public static readonly HttpRequestOptionsKey<string> CredentialWithheld = new("ImageWarmer.CredentialWithheld");

    /// <summary>The name for requests sent without credentials.</summary>
    public const string Anonymous = "anonymous";
}
