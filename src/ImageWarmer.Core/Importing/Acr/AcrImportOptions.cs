namespace ImageWarmer.Core.Importing.Acr;

/// <summary>Where and how ACR's server-side import is called. Section <c>ImageWarmer:AcrImport</c>.</summary>
public sealed class AcrImportOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "ImageWarmer:AcrImport";

    /// <summary>The registry's ARM id: <c>/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.ContainerRegistry/registries/{name}</c>.</summary>
    public string? RegistryResourceId { get; set; }

    /// <summary>Azure Resource Manager (another for sovereign clouds, or a local fake in tests).</summary>
    public Uri ArmEndpoint { get; set; } = new("https://management.azure.com");

    /// <summary>The Microsoft.ContainerRegistry API version.</summary>
    public string ApiVersion { get; set; } = "2025-11-01";

    /// <summary>Longest one import may take, polling included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Wait between polls when ARM gives no <c>Retry-After</c>.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Tries of a request that met 429 or a 5xx.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>ARM ids of other Azure Container Registries images may be imported from without credentials (by
    /// <c>source.resourceId</c>; the app's identity needs pull rights there). Matched by registry name:
    /// <c>…/registries/teamacr</c> serves <c>teamacr.azurecr.io</c>.</summary>
    public List<string> SourceRegistryResourceIds { get; set; } = [];

    /// <summary>Copy images over ACR's 50-manifest import limit with the OCI copy importer (needs push access to the
    /// registry's data plane); without it such images fail with that reason.</summary>
    public bool FallbackToOciCopy { get; set; }
}
