namespace ImageWarmer.Core.Storage;

/// <summary>How ImageWarmer reaches Azure Storage. Section <c>ImageWarmer:Storage</c>; without either setting the
/// Functions host's <c>AzureWebJobsStorage</c> connection string is used.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "ImageWarmer:Storage";

    /// <summary>A storage connection string (Azurite: <c>UseDevelopmentStorage=true</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob endpoint, reached with <c>DefaultAzureCredential</c> (managed identity in Azure).</summary>
    public Uri? BlobServiceUri { get; set; }
}
