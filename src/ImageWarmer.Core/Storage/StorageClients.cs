using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Storage;

/// <summary>Creates the Blob client from configuration, once, and only when something needs storage.</summary>
public sealed class StorageClients(IOptions<StorageOptions> options, IConfiguration configuration)
{
    private readonly Lazy<BlobServiceClient> _blobs = new(() => CreateBlobServiceClient(options.Value, configuration));

    /// <summary>The account's Blob service.</summary>
    /// <exception cref="InvalidOperationException">No storage is configured.</exception>
    public BlobServiceClient Blobs => _blobs.Value;

    private static BlobServiceClient CreateBlobServiceClient(StorageOptions options, IConfiguration configuration)
    {
        if (options.BlobServiceUri is { } uri)
        {
            return new BlobServiceClient(uri, new DefaultAzureCredential());
        }
        var connectionString = options.ConnectionString ?? configuration["AzureWebJobsStorage"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "No storage is configured: set ImageWarmer__Storage__ConnectionString (or AzureWebJobsStorage), or ImageWarmer__Storage__BlobServiceUri");
        }
        try
        {
            return new BlobServiceClient(connectionString);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"The storage connection string is not valid: {e.Message}", e);
        }
    }
}
