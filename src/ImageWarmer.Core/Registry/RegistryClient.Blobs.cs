using System.Net;
using System.Net.Http.Headers;

namespace ImageWarmer.Core.Registry;

/// <summary>Blob operations of <see cref="RegistryClient"/>.</summary>
public sealed partial class RegistryClient
{
    /// <summary>The blob's descriptor from a HEAD, or null when the repository does not have it.</summary>
    public async Task<Descriptor?> TryResolveBlobAsync(string registry, string repository, string digest, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, RepositoryUri(registry, repository, $"blobs/{digest}"));
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => new Descriptor(
                response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream", digest, response.Content.Headers.ContentLength ?? 0),
            HttpStatusCode.NotFound => null,
            _ => throw await RegistryRequestException.FromResponseAsync(response, cancellationToken),
        };
    }

    /// <summary>The blob's content as a stream straight from the connection (the caller disposes it).</summary>
    public async Task<Stream> OpenBlobAsync(string registry, string repository, string digest, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, RepositoryUri(registry, repository, $"blobs/{digest}"));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await RegistryRequestException.FromResponseAsync(response, cancellationToken);
            }
        }
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    /// <summary>Uploads a blob in one PUT (POST to open the upload, PUT with the digest to close it).</summary>
    public async Task UploadBlobAsync(string registry, string repository, string digest, byte[] content, CancellationToken cancellationToken = default)
    {
        using var start = new HttpRequestMessage(HttpMethod.Post, RepositoryUri(registry, repository, "blobs/uploads/"));
        using var started = await http.SendAsync(start, cancellationToken);
        if (started.StatusCode != HttpStatusCode.Accepted || started.Headers.Location is null)
        {
            throw await RegistryRequestException.FromResponseAsync(started, cancellationToken);
        }
        var location = new Uri(start.RequestUri!, started.Headers.Location);
        var separator = location.Query.Length > 0 ? "&" : "?";
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri($"{location}{separator}digest={Uri.EscapeDataString(digest)}"))
        {
            Content = new ByteArrayContent(content),
        };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var finished = await http.SendAsync(put, cancellationToken);
        if (finished.StatusCode != HttpStatusCode.Created)
        {
            throw await RegistryRequestException.FromResponseAsync(finished, cancellationToken);
        }
    }
}
