using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace ImageWarmer.Testing;

/// <summary>
/// A small HTTP server of our own on loopback that plays whatever a test needs a hostile party to be: a registry that
/// names a realm on another host, a token realm that collects credentials, a CDN that answers 401 with its own
/// challenge, an endpoint that streams a body without end. Each request is answered by the test's function, and
/// everything that reached the server is kept (method, path and query, <c>Authorization</c>, body), so a test can
/// assert what a hostile host was given.
/// </summary>
public sealed class HostileServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<Request> _seen = new();
    private readonly Func<Request, Reply> _respond;
    private readonly LoopbackListener _listener;

    private HostileServer(Func<Request, Reply> respond)
    {
        _respond = respond;
        _listener = new LoopbackListener(AnswerAsync);
    }

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Address => _listener.Address;

    /// <summary><c>http://127.0.0.1:port</c>.</summary>
    public string Url => $"http://{Address}";

    /// <summary>What reached the server, in order of arrival.</summary>
    public IReadOnlyList<Request> Seen => [.. _seen];

    /// <summary>Starts a server that answers with <paramref name="respond"/>.</summary>
    public static HostileServer Start(Func<Request, Reply> respond) => new(respond);

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var request = new Request(context.Request.HttpMethod, context.Request.Url!.Authority, context.Request.Url.PathAndQuery,
                context.Request.Headers["Authorization"], await reader.ReadToEndAsync());
            _seen.Enqueue(request);
            var reply = _respond(request);
            var response = context.Response;
            response.StatusCode = reply.Status;
            foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
            {
                response.Headers[name] = value;
            }
            if (reply.Write is { } write)
            {
                response.SendChunked = true;
                await write(response.OutputStream);
            }
            else if (reply.Body is { } body)
            {
                response.ContentLength64 = body.Length;
                if (request.Method != "HEAD")
                {
                    await response.OutputStream.WriteAsync(body);
                }
            }
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client hung up (as it should on a body past its limit), or the server stopped.
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>What reached the server.</summary>
    public sealed record Request(string Method, string Host, string PathAndQuery, string? Authorization, string Body)
    {
        /// <summary>The path without the query.</summary>
        public string Path => PathAndQuery.Split('?')[0];

        /// <inheritdoc/>
        public override string ToString() => $"{Method} {PathAndQuery} {Authorization ?? "(none)"}";
    }

    /// <summary>An answer: a status, headers, and a body given whole (sent with its length) or written by
    /// <see cref="Write"/> (sent chunked, with no length, for as long as the writer writes).</summary>
    public sealed record Reply(int Status, byte[]? Body = null, IReadOnlyDictionary<string, string>? Headers = null, Func<Stream, Task>? Write = null)
    {
        /// <summary>200 with a JSON body.</summary>
        public static Reply Json(string json, IReadOnlyDictionary<string, string>? headers = null) =>
            new(200, Encoding.UTF8.GetBytes(json), new Dictionary<string, string>(headers ?? new Dictionary<string, string>()) { ["Content-Type"] = "application/json" });

        /// <summary>401 with a Bearer challenge naming <paramref name="realm"/>.</summary>
        public static Reply Challenge(string realm, string service, string scope) => new(401, Encoding.UTF8.GetBytes(
            """{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}"""), new Dictionary<string, string>
            {
                ["WWW-Authenticate"] = $"Bearer realm=\"{realm}\",service=\"{service}\",scope=\"{scope}\"",
                ["Content-Type"] = "application/json",
            });

        /// <summary>A redirect to <paramref name="location"/>.</summary>
        public static Reply Redirect(string location) => new(307, [], new Dictionary<string, string> { ["Location"] = location });

        /// <summary>404 with no body.</summary>
        public static Reply NotFound() => new(404, []);
    }
}
