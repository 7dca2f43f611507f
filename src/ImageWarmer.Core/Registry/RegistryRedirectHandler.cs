using System.Net;
using ImageWarmer.Core.Registry.Auth;

namespace ImageWarmer.Core.Registry;

/// <summary>
/// Follows a registry's redirects itself, above the auth handler (the primary handler follows none): Docker Hub and
/// ACR send blob GETs to a CDN or storage host, and that host is not the registry. A redirect to another host goes out
/// as a new request with nothing of the registry's (no <c>Authorization</c>), marked
/// <see cref="RegistryRequestOptions.RedirectedFrom"/> so the auth handler neither gives it a token nor takes its 401
/// for the registry's challenge. Only GET and HEAD are followed, at most <see cref="MaxRedirects"/> hops, never from
/// HTTPS down to plain HTTP. The original request is left as it was: a retry asks the registry again.
/// </summary>
public sealed class RegistryRedirectHandler : DelegatingHandler
{
    /// <summary>Most redirects followed for one request.</summary>
    public const int MaxRedirects = 5;

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
        {
            return response;
        }
        var origin = request.RequestUri!;
        for (var hops = 0; hops < MaxRedirects && Next(response, origin) is { } next; hops++)
        {
            var follow = new HttpRequestMessage(request.Method, next);
            foreach (var accept in request.Headers.Accept)
            {
                follow.Headers.Accept.Add(accept);
            }
            if (!next.Authority.Equals(origin.Authority, StringComparison.OrdinalIgnoreCase))
            {
                follow.Options.Set(RegistryRequestOptions.RedirectedFrom, origin);
            }
            response.Dispose();
            response = await base.SendAsync(follow, cancellationToken);
        }
        return response;
    }

    // Where a redirect points, when it is one to follow; otherwise the response goes back to the caller as it is.
    private static Uri? Next(HttpResponseMessage response, Uri origin)
    {
        if (response.StatusCode is not (HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect) || response.Headers.Location is not { } location)
        {
            return null;
        }
        var from = response.RequestMessage?.RequestUri ?? origin;
        var next = location.IsAbsoluteUri ? location : new Uri(from, location);
        var downgrade = from.Scheme == Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttps;
        return next.Scheme is "http" or "https" && !downgrade ? next : null;
    }
}
