using System.Net;
using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Registry;

/// <summary>Deletes of <see cref="RegistryClient"/>: a manifest by digest (every tag on it goes with it), and, on ACR,
/// one tag alone.</summary>
public sealed partial class RegistryClient
{
    /// <summary>Deletes the manifest <paramref name="digest"/> from <paramref name="repository"/>, and with it every tag
    /// that points at it; false when it was not there. See
    /// https://github.com/opencontainers/distribution-spec/blob/main/spec.md#deleting-manifests.</summary>
    public async Task<bool> DeleteManifestAsync(RepositoryRef repository, string digest, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, RepositoryUri(repository, $"manifests/{digest}"));
        return await DeletedAsync(request, cancellationToken);
    }

    /// <summary>Deletes one tag and leaves its manifest (ACR's <c>DELETE /acr/v1/&lt;repository&gt;/_tags/&lt;tag&gt;</c>;
    /// OCI Distribution has no such call). False when the tag was not there. See
    /// https://learn.microsoft.com/rest/api/containerregistry/tag/delete.</summary>
    public async Task<bool> DeleteAcrTagAsync(RepositoryRef repository, string tag, CancellationToken cancellationToken = default)
    {
        var uri = new Uri($"{endpoints.BaseUri(repository.Registry).ToString().TrimEnd('/')}/acr/v1/{repository.Repository}/_tags/{Uri.EscapeDataString(tag)}");
        using var request = new HttpRequestMessage(HttpMethod.Delete, uri);
        return await DeletedAsync(request, cancellationToken);
    }

    /// <summary>Whether <paramref name="registry"/> is an Azure Container Registry (by its host's suffix), which can
    /// delete a tag alone.</summary>
    public bool IsAcr(string registry) =>
        _options.AzureRegistrySuffixes.Any(s => registry.Split(':')[0].EndsWith(s, StringComparison.OrdinalIgnoreCase));

    private async Task<bool> DeletedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.NoContent => true,
            HttpStatusCode.NotFound => false,
            _ => throw await RegistryRequestException.FromResponseAsync(response, cancellationToken),
        };
    }
}
