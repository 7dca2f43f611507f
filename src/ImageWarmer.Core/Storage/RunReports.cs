using Azure.Storage.Blobs.Models;
using ImageWarmer.Core.Contracts;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Storage;

/// <summary>Run reports as JSON blobs: <c>warm-reports/&lt;yyyy-MM-dd&gt;/&lt;run&gt;.json</c>.</summary>
public sealed class RunReports(StorageClients storage, IOptions<StorageOptions> options) : IRunReportStore
{
    /// <inheritdoc/>
    public async Task<string> WriteAsync(DateTimeOffset startedAt, string runId, byte[] json, CancellationToken cancellationToken = default)
    {
        var container = storage.Blobs.GetBlobContainerClient(options.Value.ReportsContainer);
        await storage.EnsureCreatedAsync($"container/{container.Name}", async token => await container.CreateIfNotExistsAsync(cancellationToken: token),
            cancellationToken);
        var name = $"{startedAt:yyyy-MM-dd}/{runId}.json";
        await container.GetBlobClient(name).UploadAsync(new BinaryData(json),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, cancellationToken);
        return $"{container.Name}/{name}";
    }
}
