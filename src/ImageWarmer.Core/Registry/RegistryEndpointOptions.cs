namespace ImageWarmer.Core.Registry;

/// <summary>One registry reached at another URL.</summary>
public sealed class RegistryEndpointOptions
{
    /// <summary>The registry name as references spell it, e.g. <c>docker.io</c>.</summary>
    public string? Registry { get; set; }

    /// <summary>Its base URL, e.g. <c>http://127.0.0.1:5001</c> or <c>https://mirror.internal</c>.</summary>
    public string? Url { get; set; }
}
