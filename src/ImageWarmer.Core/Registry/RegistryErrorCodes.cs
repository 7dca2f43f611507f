namespace ImageWarmer.Core.Registry;

/// <summary>Error codes of the OCI distribution spec's error body that ImageWarmer acts on. See
/// https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes.</summary>
public static class RegistryErrorCodes
{
    /// <summary>The manifest (tag or digest) is not in the repository.</summary>
    public const string ManifestUnknown = "MANIFEST_UNKNOWN";

    /// <summary>The repository is not known to the registry.</summary>
    public const string NameUnknown = "NAME_UNKNOWN";

    /// <summary>The blob is not in the repository.</summary>
    public const string BlobUnknown = "BLOB_UNKNOWN";

    /// <summary>Authentication is required.</summary>
    public const string Unauthorized = "UNAUTHORIZED";

    /// <summary>Access to the resource was denied.</summary>
    public const string Denied = "DENIED";

    /// <summary>The client sent too many requests (Docker Hub's pull rate limit).</summary>
    public const string TooManyRequests = "TOOMANYREQUESTS";
}
