namespace ImageWarmer.Core.Registry;

/// <summary>How ImageWarmer reaches registries. Section <c>ImageWarmer:Registry</c>.</summary>
public sealed class RegistryOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "ImageWarmer:Registry";

    /// <summary>Registries reached at another URL, e.g. <c>docker.io</c> at <c>http://127.0.0.1:5001</c> (tests, demos, mirrors).
    /// A list, not a map keyed by name: registry names have dots, which app setting names cannot.</summary>
    public List<RegistryEndpointOptions> Endpoints { get; set; } = [];

    /// <summary>Registries that may be reached over plain HTTP. Loopback addresses always may.</summary>
    public List<string> Insecure { get; set; } = [];

    /// <summary>Usernames and passwords per registry (Docker Hub: an access token; Key Vault references in Azure).</summary>
    public List<RegistryCredentialOptions> Credentials { get; set; } = [];

    /// <summary>Host suffixes of Azure Container Registries, which get Entra ID tokens (sovereign clouds included).</summary>
    public List<string> AzureRegistrySuffixes { get; set; } = [".azurecr.io", ".azurecr.cn", ".azurecr.us"];

    /// <summary>Most requests in flight to one host at a time.</summary>
    public int MaxConcurrencyPerHost { get; set; } = 8;

    /// <summary>Retries of a request that met 429, a 5xx or a broken connection.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>The longest <c>Retry-After</c> honoured by waiting; a longer one (Docker Hub's six-hour window) fails the request.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Below this many remaining pulls (<c>ratelimit-remaining</c>) no more pulls go to that host and credential.</summary>
    public int RateLimitFloor { get; set; } = 10;

    /// <summary>Largest manifest read (a body sent chunked is counted as it arrives and stopped one byte past this).</summary>
    public int MaxManifestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most <c>tags/list</c> pages followed for one repository.</summary>
    public int MaxTagPages { get; set; } = 1000;

    /// <summary>Most tags one listing holds, whatever the pages: what bounds its memory (128 characters a tag at most).</summary>
    public int MaxTagListEntries { get; set; } = 50_000;

    /// <summary>Most distinct manifests in one image's graph (an index, its platform manifests, nested indexes), and in
    /// one image's referrers with theirs: each fetched once, and none past this.</summary>
    public int MaxManifestsPerImage { get; set; } = 1000;

    /// <summary>Most referrers of one image read (referrers API pages, or a fallback index), whatever the pages.</summary>
    public int MaxReferrersPerSubject { get; set; } = 500;

    /// <summary>The credential configured for <paramref name="registry"/>, if any.</summary>
    public RegistryCredentialOptions? CredentialFor(string registry) =>
        Credentials.FirstOrDefault(c => string.Equals(c.Registry, registry, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(c.Username));

    /// <summary>How long a blob copy may go without a byte before it counts as stalled (and is sent again).</summary>
    public TimeSpan BlobIdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one request may take, including retries.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
