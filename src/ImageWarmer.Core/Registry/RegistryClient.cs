using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Streams;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Registry;

/// <summary>
/// An OCI Distribution client over <see cref="HttpClient"/>: manifests (HEAD, GET, PUT, DELETE), blobs (HEAD, streamed GET,
/// monolithic upload), tag listing and referrers. Auth, retries, concurrency and rate-limit accounting live in the handler chain.
/// Every body read into memory is bounded (<see cref="RegistryOptions.MaxManifestBytes"/>, <see cref="MaxTagPageBytes"/>).
/// See https://github.com/opencontainers/distribution-spec/blob/main/spec.md.
/// </summary>
public sealed partial class RegistryClient(HttpClient http, RegistryEndpoints endpoints, IOptions<RegistryOptions>? options = null)
{
    /// <summary>Most bytes of one <c>tags/list</c> page read.</summary>
    public const int MaxTagPageBytes = 4 * 1024 * 1024;

    private readonly RegistryOptions _options = options?.Value ?? new RegistryOptions();

    /// <summary>The manifest's descriptor from a HEAD (not a pull on Docker Hub), or null when the tag or digest is not there.</summary>
    public async Task<Descriptor?> TryResolveAsync(ImageReference image, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, ManifestUri(image));
        request.Headers.Accept.ParseAdd(MediaTypes.ManifestAccept);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => Descriptor.FromResponse(response),
            HttpStatusCode.NotFound => null,
            _ => throw await RegistryRequestException.FromResponseAsync(response, cancellationToken),
        };
    }

    /// <summary>The manifest's bytes (a pull on Docker Hub), or null when it is not there. The digest is verified
    /// when the reference names one.</summary>
    public async Task<ManifestContent?> TryGetManifestAsync(ImageReference image, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ManifestUri(image));
        request.Headers.Accept.ParseAdd(MediaTypes.ManifestAccept);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        if (!response.IsSuccessStatusCode)
        {
            throw await RegistryRequestException.FromResponseAsync(response, cancellationToken);
        }
        byte[] bytes;
        var limit = _options.MaxManifestBytes;
        try
        {
            bytes = await BoundedContent.ReadAsync(response.Content, limit, cancellationToken);
        }
        catch (ImageWarmerException e) when (e.Kind == FailureKind.InvalidInput)
        {
            throw new ImageWarmerException(FailureKind.InvalidInput,
                $"manifest of {image} is larger than {limit:N0} bytes (ImageWarmer:Registry:MaxManifestBytes)", e);
        }
        var digest = Digests.Sha256(bytes);
        var announced = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
        if (announced is not null && !Digests.TryCheck(announced, out var notADigest))
        {
            throw new ImageWarmerException(FailureKind.InvalidInput, $"manifest of {image} came with a Docker-Content-Digest that is not a digest: {notADigest}");
        }
        if ((image.Digest is not null && image.Digest != digest) || (announced is not null && announced != digest))
        {
            throw new DigestMismatchException(
                $"manifest of {image} has digest {digest}, not the {image.Digest ?? announced} the registry named: refusing a corrupted manifest");
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? MediaTypeInside(image, bytes);
        return new ManifestContent(new Descriptor(mediaType, digest, bytes.Length), bytes);
    }

    /// <summary>Stores a manifest under <paramref name="reference"/> (a tag or its digest); returns its digest.</summary>
    public async Task<string> PutManifestAsync(
        RepositoryRef repository, string reference, string mediaType, byte[] bytes, CancellationToken cancellationToken = default)
    {
        await PutManifestCoreAsync(repository, reference, mediaType, bytes, cancellationToken);
        return Digests.Sha256(bytes);
    }

    // PUT /manifests/<reference>; true when the registry answered with OCI-Subject (it indexed the manifest's subject).
    private async Task<bool> PutManifestCoreAsync(
        RepositoryRef repository, string reference, string mediaType, byte[] bytes, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, RepositoryUri(repository, $"manifests/{reference}"))
        {
            Content = new ByteArrayContent(bytes),
        };
        request.Content.Headers.ContentType = new(mediaType);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw await RegistryRequestException.FromResponseAsync(response, cancellationToken);
        }
        return response.Headers.Contains("OCI-Subject");
    }

    /// <summary>Every tag of a repository, <paramref name="pageSize"/> at a time, following <c>Link</c> headers on the
    /// same host: at most <see cref="RegistryOptions.MaxTagPages"/> pages of <see cref="MaxTagPageBytes"/> each and
    /// <see cref="RegistryOptions.MaxTagListEntries"/> tags in all, and a link to a page already read ends the listing
    /// with an error instead of a loop.</summary>
    public async IAsyncEnumerable<string> ListTagsAsync(
        RepositoryRef repository, int pageSize = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Uri? next = RepositoryUri(repository, $"tags/list?n={pageSize}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var listed = 0;
        while (next is not null)
        {
            if (!seen.Add(next.PathAndQuery))
            {
                throw new ImageWarmerException(FailureKind.InvalidInput, $"tags of {repository}: the registry links back to a page already read ({next.PathAndQuery})");
            }
            if (seen.Count > _options.MaxTagPages)
            {
                throw new ImageWarmerException(FailureKind.InvalidInput,
                    $"tags of {repository} run past {_options.MaxTagPages:N0} pages (ImageWarmer:Registry:MaxTagPages)");
            }
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                yield break;
            }
            if (!response.IsSuccessStatusCode)
            {
                throw await RegistryRequestException.FromResponseAsync(response, cancellationToken);
            }
            var page = await ReadTagPageAsync(response, repository, cancellationToken);
            // A caller that keeps the tags (a set per repository) holds them all: the count bounds that, not the pages.
            listed += page.Count;
            if (listed > _options.MaxTagListEntries)
            {
                throw new ImageWarmerException(FailureKind.InvalidInput,
                    $"tags of {repository} run past {_options.MaxTagListEntries:N0} (ImageWarmer:Registry:MaxTagListEntries)");
            }
            foreach (var tag in page)
            {
                yield return tag;
            }
            next = NextPage(response, next);
        }
    }

    private static async Task<List<string>> ReadTagPageAsync(HttpResponseMessage response, RepositoryRef repository, CancellationToken cancellationToken)
    {
        try
        {
            using var json = JsonDocument.Parse(await BoundedContent.ReadAsync(response.Content, MaxTagPageBytes, cancellationToken));
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
                ? [.. tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)]
                : [];
        }
        catch (Exception e) when (e is JsonException or ImageWarmerException)
        {
            throw new ImageWarmerException(FailureKind.InvalidInput, $"tags of {repository}: a page could not be read: {e.Message}", e);
        }
    }

    private Uri ManifestUri(ImageReference image) =>
        RepositoryUri(image.Location, $"manifests/{image.Digest ?? image.Tag}");

    private Uri RepositoryUri(RepositoryRef repository, string rest) =>
        new($"{endpoints.BaseUri(repository.Registry).ToString().TrimEnd('/')}/v2/{repository.Repository}/{rest}");

    // Link: </v2/name/tags/list?n=100&last=x>; rel="next" (relative to the request; the referrers API pages the same way). A link to another host is not
    // followed: the next page would go out with that host's credentials, at the registry's word.
    private static Uri? NextPage(HttpResponseMessage response, Uri current)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }
        foreach (var link in links.SelectMany(l => l.Split(',')))
        {
            var parts = link.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length > 1 && parts[0].StartsWith('<') && parts[0].EndsWith('>')
                && parts.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "rel=\"next\"" or "rel=next"))
            {
                return Uri.TryCreate(current, parts[0][1..^1], out var next) && next.Authority == current.Authority && next.Scheme == current.Scheme
                    ? next
                    : throw new ImageWarmerException(FailureKind.InvalidInput, $"{current.AbsolutePath} links to {parts[0]}, not a page of {current.Authority}");
            }
        }
        return null;
    }

    private static string MediaTypeInside(ImageReference image, byte[] manifest)
    {
        try
        {
            using var json = JsonDocument.Parse(manifest);
            var inside = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("mediaType", out var mediaType)
                && mediaType.ValueKind == JsonValueKind.String
                ? mediaType.GetString()!
                : MediaTypes.OciManifest;
            return MediaTypes.IsWellFormed(inside)
                ? inside
                : throw new ImageWarmerException(FailureKind.InvalidInput, $"manifest of {image} names a mediaType that is not one");
        }
        catch (JsonException e)
        {
            throw new ImageWarmerException(FailureKind.InvalidInput, $"manifest of {image} is not JSON: {e.Message}", e);
        }
    }
}
