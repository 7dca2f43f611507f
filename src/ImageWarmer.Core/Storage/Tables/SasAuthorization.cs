namespace ImageWarmer.Core.Storage.Tables;

/// <summary>A shared access signature from a connection string: its query parameters go on every request's URI.</summary>
public sealed class SasAuthorization(string signature) : ITableAuthorization
{
    private readonly string _signature = signature.TrimStart('?');

    /// <inheritdoc/>
    public ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        var uri = new UriBuilder(request.RequestUri!);
        uri.Query = string.IsNullOrEmpty(uri.Query) ? _signature : $"{uri.Query.TrimStart('?')}&{_signature}";
        request.RequestUri = uri.Uri;
        return ValueTask.CompletedTask;
    }
}
