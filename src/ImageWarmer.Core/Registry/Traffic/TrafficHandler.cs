using ImageWarmer.Core.Registry.Auth;

namespace ImageWarmer.Core.Registry.Traffic;

/// <summary>The innermost handler, next to the wire: counts every request that goes out (retries and token fetches
/// included), refuses pulls the rate-limit budget no longer allows (waiting
/// out a refusal that ends within <see cref="RegistryOptions.MaxRetryAfter"/>), and reads the budget off every response.</summary>
public sealed class TrafficHandler(RegistryTraffic traffic) : DelegatingHandler
{
    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var host = request.RequestUri!.Authority;
        var credential = request.Options.TryGetValue(RegistryRequestOptions.Credential, out var name) ? name : RegistryRequestOptions.Anonymous;
        var path = request.RequestUri.AbsolutePath;
        var isGet = request.Method == HttpMethod.Get;
        var manifestGet = isGet && path.Contains("/manifests/", StringComparison.Ordinal);
        var blobGet = isGet && path.Contains("/blobs/sha", StringComparison.Ordinal);

        if ((manifestGet || blobGet) && await traffic.RefusalAfterShortWaitAsync(host, credential, cancellationToken) is { } refusal)
        {
            throw refusal;
        }
        traffic.BeforeSend(host, credential, pull: manifestGet || blobGet, countsAsPull: manifestGet);
        var response = await base.SendAsync(request, cancellationToken);
        traffic.AfterResponse(host, credential, response);
        return response;
    }
}
