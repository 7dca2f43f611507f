using Azure.Core;

namespace ImageWarmer.Core.Storage.Tables;

/// <summary>
/// An Entra ID token for Azure Storage (scope <c>https://storage.azure.com/.default</c>) as a bearer token, kept until
/// five minutes before it expires (or until the credential says to refresh it), so a run asks the credential once.
/// Needs <c>x-ms-version</c> 2019-02-02 or later on every request. See
/// https://learn.microsoft.com/rest/api/storageservices/authorize-with-azure-active-directory.
/// </summary>
public sealed class BearerTokenAuthorization(TokenCredential credential, TimeProvider time) : ITableAuthorization
{
    private static readonly TokenRequestContext Scope = new(["https://storage.azure.com/.default"]);
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);
    private AccessToken? _token;

    /// <inheritdoc/>
    public async ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_token is not { } token || now >= (token.RefreshOn ?? token.ExpiresOn - Margin))
        {
            token = await credential.GetTokenAsync(Scope, cancellationToken);
            _token = token;
        }
        request.Headers.Authorization = new("Bearer", token.Token);
    }
}
