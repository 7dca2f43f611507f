namespace ImageWarmer.Core.Storage.Tables;

/// <summary>How a request to the Table service proves who sends it: a Shared Key signature or an Entra ID token.</summary>
public interface ITableAuthorization
{
    /// <summary>Adds the <c>Authorization</c> header (or a SAS) to <paramref name="request"/>, whose other headers are final.</summary>
    ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken = default);
}
