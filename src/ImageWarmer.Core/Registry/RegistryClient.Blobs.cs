using System.Net;
using System.Net.Http.Headers;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Registry.Auth;
using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Registry;

/// <summary>Blob operations of <see cref="RegistryClient"/>.</summary>
public sealed partial class RegistryClient
{
    /// <summary>The blob's descriptor from a HEAD, or null when the repository does not have it.</summary>
    public async Task<Descriptor?> TryResolveBlobAsync(RepositoryRef repository, string digest, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, RepositoryUri(repository, $"blobs/{digest}"));
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
    public async Task<Stream> OpenBlobAsync(RepositoryRef repository, string digest, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, RepositoryUri(repository, $"blobs/{digest}"));
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

    /// <summary>Uploads a blob held in memory (small blobs: configs, test images).</summary>
    public Task UploadBlobAsync(RepositoryRef repository, string digest, byte[] content, CancellationToken cancellationToken = default) =>
        UploadBlobAsync(repository, digest, new MemoryStream(content, writable: false), content.Length, cancellationToken);

    /// <summary>
    /// Uploads a blob of known size in one streamed PUT: POST opens the upload, PUT with the digest sends the bytes
    /// and closes it. <paramref name="content"/> is read once, as it is sent, so a layer of any size costs a
    /// buffer, not its size in memory; the registry checks the digest on its side. A monolithic PUT is one
    /// request per blob; chunked PATCHes would only add requests, since a failed blob is sent again whole.
    /// </summary>
    public async Task UploadBlobAsync(RepositoryRef repository, string digest, Stream content, long size, CancellationToken cancellationToken = default)
    {
        var location = await StartUploadAsync(repository, null, cancellationToken)
            ?? throw new ImageWarmerException(FailureKind.Refused, $"{repository} finished an upload nobody sent");
        var separator = location.Query.Length > 0 ? "&" : "?";
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri($"{location}{separator}digest={Uri.EscapeDataString(digest)}"))
        {
            Content = new StreamContent(content, 81920),
        };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        put.Content.Headers.ContentLength = size;
        if (!content.CanSeek)
        {
            // A stream straight from another registry cannot be sent twice: the caller retries the whole blob.
            put.Options.Set(RegistryRequestOptions.NotRetryable, true);
        }
        using var finished = await http.SendAsync(put, cancellationToken);
        if (finished.StatusCode != HttpStatusCode.Created)
        {
            throw await RegistryRequestException.FromResponseAsync(finished, cancellationToken);
        }
    }

    /// <summary>Mounts a blob from another repository of the same registry (no bytes move); false when the
    /// registry cannot mount it.</summary>
    public async Task<bool> TryMountBlobAsync(RepositoryRef repository, string digest, string fromRepository, CancellationToken cancellationToken = default)
    {
        var upload = await StartUploadAsync(repository, (digest, fromRepository), cancellationToken);
        if (upload is null)
        {
            return true;
        }
        // The registry opened an ordinary upload instead: close it, so nothing waits for bytes that never come.
        using var cancel = new HttpRequestMessage(HttpMethod.Delete, upload);
        using var _ = await http.SendAsync(cancel, cancellationToken);
        return false;
    }

    // POST /blobs/uploads/ (with ?mount=&from= for a mount): the upload's location, or null when a mount completed.
    private async Task<Uri?> StartUploadAsync(RepositoryRef repository, (string Digest, string From)? mount, CancellationToken cancellationToken)
    {
        var query = mount is { } m ? $"?mount={Uri.EscapeDataString(m.Digest)}&from={Uri.EscapeDataString(m.From)}" : "";
        using var start = new HttpRequestMessage(HttpMethod.Post, RepositoryUri(repository, "blobs/uploads/" + query));
        using var started = await http.SendAsync(start, cancellationToken);
        if (started.StatusCode == HttpStatusCode.Created && mount is not null)
        {
            return null;
        }
        if (started.StatusCode != HttpStatusCode.Accepted || started.Headers.Location is null)
        {
            throw await RegistryRequestException.FromResponseAsync(started, cancellationToken);
        }
        return new Uri(start.RequestUri!, started.Headers.Location);
    }
}
