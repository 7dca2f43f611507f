using System.Collections.Concurrent;

namespace ImageWarmer.Testing;

/// <summary>A hand-written fake for what cannot run here (ARM, Entra ID, Docker Hub's token service): answers
/// each request with <paramref name="respond"/> and keeps every request it saw, with its body read.</summary>
public sealed class StubHttpMessageHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    private readonly ConcurrentQueue<SeenRequest> _seen = new();

    /// <summary>Requests in the order they arrived.</summary>
    public IReadOnlyList<SeenRequest> Requests => [.. _seen];

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        _seen.Enqueue(new SeenRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body));
        var response = respond(request);
        response.RequestMessage ??= request;
        return response;
    }

    /// <summary>What a request carried.</summary>
    public sealed record SeenRequest(HttpMethod Method, Uri Uri, string? Authorization, string? Body)
    {
        /// <inheritdoc/>
        public override string ToString() => $"{Method} {Uri}";
    }
}
