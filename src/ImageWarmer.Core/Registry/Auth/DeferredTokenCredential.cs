using Azure.Core;

namespace ImageWarmer.Core.Registry.Auth;

/// <summary>
/// A credential made on its first use: most runs never talk to Entra ID (a plan against a local registry, an
/// <c>oci-copy</c> warm from Docker Hub), and those should not pay for building <c>DefaultAzureCredential</c>'s chain.
/// </summary>
public sealed class DeferredTokenCredential(Func<TokenCredential> create) : TokenCredential
{
    private readonly Lazy<TokenCredential> _credential = new(create);

    /// <inheritdoc/>
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        _credential.Value.GetToken(requestContext, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        _credential.Value.GetTokenAsync(requestContext, cancellationToken);
}
