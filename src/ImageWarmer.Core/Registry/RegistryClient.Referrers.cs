using System.Net;
using System.Text.Json;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Streams;
using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Registry;

/// <summary>Referrers of <see cref="RegistryClient"/>: the OCI 1.1 referrers API, and the manifest PUT that says whether
/// the registry indexed the manifest's <c>subject</c>. See
/// https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-referrers.</summary>
public sealed partial class RegistryClient
{
    /// <summary>The manifests that refer to <paramref name="digest"/> in <paramref name="repository"/>, as the referrers API
    /// lists them (an OCI index, followed across <c>Link</c> pages on the same host); null when the registry has no
    /// referrers API (it answers 404, which a registry with the API never does for a repository it holds). At most
    /// <see cref="RegistryOptions.MaxReferrersPerSubject"/> are read.</summary>
    public async Task<IReadOnlyList<Descriptor>?> TryListReferrersAsync(
        RepositoryRef repository, string digest, CancellationToken cancellationToken = default)
    {
        Uri? next = RepositoryUri(repository, $"referrers/{digest}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<Descriptor>();
        while (next is not null)
        {
            if (!seen.Add(next.PathAndQuery) || seen.Count > _options.MaxTagPages)
            {
                throw new ImageWarmerException(FailureKind.InvalidInput,
                    $"referrers of {repository}@{digest}: the registry links back to a page already read, or past {_options.MaxTagPages:N0} pages");
            }
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.Accept.ParseAdd(MediaTypes.OciIndex);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound && seen.Count == 1)
            {
                return null;
            }
            if (!response.IsSuccessStatusCode)
            {
                throw await RegistryRequestException.FromResponseAsync(response, cancellationToken);
            }
            found.AddRange(await ReadReferrersPageAsync(response, $"{repository}@{digest}", cancellationToken));
            // What is held is bounded by the count, not by pages × page size: past it, no further page is asked for.
            if (found.Count > _options.MaxReferrersPerSubject)
            {
                throw new ImageWarmerException(FailureKind.InvalidInput,
                    $"referrers of {repository}@{digest} run past {_options.MaxReferrersPerSubject:N0} (ImageWarmer:Registry:MaxReferrersPerSubject)");
            }
            next = NextPage(response, next);
        }
        return found;
    }

    /// <summary>Stores a manifest that names a <c>subject</c> (a signature, an SBOM) under <paramref name="reference"/>;
    /// true when the registry answered with <c>OCI-Subject</c>, i.e. it lists the manifest in its referrers API. When it
    /// does not, the client keeps the subject's referrers tag (<c>sha256-&lt;hex&gt;</c>) itself.</summary>
    public Task<bool> PutReferrerManifestAsync(
        RepositoryRef repository, string reference, string mediaType, byte[] bytes, CancellationToken cancellationToken = default) =>
        PutManifestCoreAsync(repository, reference, mediaType, bytes, cancellationToken);

    private async Task<IEnumerable<Descriptor>> ReadReferrersPageAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await BoundedContent.ReadAsync(response.Content, _options.MaxManifestBytes, cancellationToken);
            using var json = JsonDocument.Parse(bytes);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("manifests", out var manifests)
                && manifests.ValueKind == JsonValueKind.Array
                ? [.. manifests.EnumerateArray().Select(ReadReferrer)]
                : throw new FormatException("the answer is not an index with 'manifests'");
        }
        catch (Exception e) when (e is JsonException or FormatException or ImageWarmerException)
        {
            throw new ImageWarmerException(FailureKind.InvalidInput, $"referrers of {what} could not be read: {e.Message}", e);
        }
    }

    // Untrusted input: a digest goes into URLs, so it is checked; a size must be a whole number of bytes.
    private static Descriptor ReadReferrer(JsonElement element)
    {
        var mediaType = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("mediaType", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString()! : null;
        var digest = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("digest", out var d) && d.ValueKind == JsonValueKind.String
            ? d.GetString() : null;
        if (!MediaTypes.IsWellFormed(mediaType) || !Digests.TryCheck(digest, out _)
            || !element.TryGetProperty("size", out var s) || !s.TryGetInt64(out var size) || size < 0)
        {
            throw new FormatException("a referrer is not a descriptor with a mediaType, a digest and a size");
        }
        var artifactType = element.TryGetProperty("artifactType", out var a) && a.ValueKind == JsonValueKind.String && MediaTypes.IsWellFormed(a.GetString())
            ? a.GetString() : null;
        return new Descriptor(mediaType, digest, size) { ArtifactType = artifactType };
    }
}
