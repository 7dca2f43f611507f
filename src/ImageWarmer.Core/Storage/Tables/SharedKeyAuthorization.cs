using System.Security.Cryptography;
using System.Text;

namespace ImageWarmer.Core.Storage.Tables;

/// <summary>
/// Shared Key for the Table service: an HMAC-SHA256, with the account key, of the verb, Content-MD5, Content-Type,
/// <c>x-ms-date</c> and the canonicalized resource (<c>/account</c> + the encoded path; on Azurite's path-style
/// endpoints the path starts with the account again). See
/// https://learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key#table-service-shared-key-authorization.
/// </summary>
public sealed class SharedKeyAuthorization(string account, byte[] key) : ITableAuthorization
{
    /// <summary>The account the key belongs to.</summary>
    public string Account { get; } = account;

    /// <inheritdoc/>
    public ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        request.Headers.Authorization = new("SharedKey", $"{Account}:{Sign(StringToSign(request))}");
        return ValueTask.CompletedTask;
    }

    /// <summary>What is signed, one field a line.</summary>
    internal string StringToSign(HttpRequestMessage request) => string.Join('\n',
        request.Method.Method,
        request.Content?.Headers.ContentMD5 is { } md5 ? Convert.ToBase64String(md5) : "",
        request.Content?.Headers.ContentType?.ToString() ?? "",
        request.Headers.TryGetValues("x-ms-date", out var date) ? date.First() : "",
        $"/{Account}{request.RequestUri!.AbsolutePath}");

    private string Sign(string text) => Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
}
