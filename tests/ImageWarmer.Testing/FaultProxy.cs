using System.Collections.Concurrent;
using System.Net;

namespace ImageWarmer.Testing;

/// <summary>
/// A fault-injecting HTTP proxy on loopback in front of a registry: forwards every request, except those a rule
/// picks, which get a fault instead: a status (429 with <c>Retry-After</c> and <c>ratelimit-remaining</c>, 5xx),
/// a connection reset or a stall halfway through the body, a body sent slowly in pieces, or corrupted bytes. Each
/// rule fires a set number of times, then the fault clears.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly LoopbackListener _listener;
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly ConcurrentQueue<Rule> _rules = new();
    private readonly ConcurrentQueue<string> _seen = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _target;

    private FaultProxy(string target)
    {
        _target = target;
        _listener = new LoopbackListener(HandleAsync);
    }

    /// <summary><c>127.0.0.1:port</c> to point an endpoint at.</summary>
    public string Address => _listener.Address;

    /// <summary>What reached the proxy, as "METHOD path → outcome".</summary>
    public IReadOnlyList<string> Seen => [.. _seen];

    /// <summary>Starts a proxy in front of <paramref name="registry"/> (<c>host:port</c>).</summary>
    public static FaultProxy Start(string registry) => new(registry);

    /// <summary>Answers the first <paramref name="times"/> requests that <paramref name="matches"/> with <paramref name="fault"/>.</summary>
    public void Inject(Func<HttpListenerRequest, bool> matches, Fault fault, int times = int.MaxValue) => _rules.Enqueue(new Rule(matches, fault, times));

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var fault = _rules.FirstOrDefault(r => r.Matches(request) && r.TryFire())?.Fault;
        _seen.Enqueue($"{request.HttpMethod} {request.Url!.AbsolutePath} -> {fault?.GetType().Name ?? "forwarded"}");
        try
        {
            if (fault is Fault.Status status)
            {
                Answer(context.Response, status);
                return;
            }
            if (fault is Fault.Reply reply)
            {
                context.Response.StatusCode = reply.Code;
                context.Response.ContentType = reply.ContentType;
                context.Response.ContentLength64 = reply.Body.Length;
                await context.Response.OutputStream.WriteAsync(reply.Body);
                context.Response.Close();
                return;
            }
            await ForwardAsync(context, fault);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away, or the proxy stopped.
        }
    }

    private static void Answer(HttpListenerResponse response, Fault.Status status)
    {
        response.StatusCode = status.Code;
        if (status.RetryAfter is { } seconds)
        {
            response.Headers["Retry-After"] = ((int)seconds.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (status.RetryAfterDate is { } date)
        {
            response.Headers["Retry-After"] = date.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }
        if (status.RateLimitRemaining is { } remaining)
        {
            response.Headers["ratelimit-limit"] = "100;w=21600";
            response.Headers["ratelimit-remaining"] = $"{remaining};w=21600";
        }
        var body = System.Text.Encoding.UTF8.GetBytes(status.Code == 429
            ? """{"errors":[{"code":"TOOMANYREQUESTS","message":"You have reached your pull rate limit."}]}"""
            : """{"errors":[{"code":"UNAVAILABLE","message":"injected fault"}]}""");
        response.ContentType = "application/json";
        response.ContentLength64 = body.Length;
        response.OutputStream.Write(body);
        response.Close();
    }

    private async Task ForwardAsync(HttpListenerContext context, Fault? fault)
    {
        if (fault is Fault.StallBeforeAnswer)
        {
            await Task.Delay(Timeout.Infinite, _stopping.Token);
        }
        var request = context.Request;
        using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), $"http://{_target}{request.Url!.PathAndQuery}");
        foreach (var name in new[] { "Accept", "Authorization" })
        {
            if (request.Headers[name] is { } value)
            {
                forward.Headers.TryAddWithoutValidation(name, value);
            }
        }
        if (request.HasEntityBody)
        {
            // A PUT's or PATCH's body goes along (a manifest, a blob chunk), with its type.
            using var buffer = new MemoryStream();
            await request.InputStream.CopyToAsync(buffer, _stopping.Token);
            forward.Content = new ByteArrayContent(buffer.ToArray());
            if (request.ContentType is { } type)
            {
                forward.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }
        using var upstream = await _upstream.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, _stopping.Token);
        var response = context.Response;
        response.StatusCode = (int)upstream.StatusCode;
        foreach (var (name, values) in upstream.Headers.Concat(upstream.Content.Headers))
        {
            if (name is not ("Content-Length" or "Transfer-Encoding" or "Connection" or "Date" or "Server"))
            {
                response.Headers[name] = string.Join(", ", values);
            }
        }
        if (fault is Fault.RateLimitHeaders limit)
        {
            response.Headers["ratelimit-limit"] = "100;w=21600";
            response.Headers["ratelimit-remaining"] = $"{limit.Remaining};w=21600";
        }
        if (fault is Fault.Header header)
        {
            response.Headers[header.Name] = header.Value;
        }
        var length = upstream.Content.Headers.ContentLength ?? 0;
        response.ContentLength64 = length;
        if (request.HttpMethod == "HEAD" || length == 0)
        {
            response.Close();
            return;
        }
        var body = await upstream.Content.ReadAsByteArrayAsync(_stopping.Token);
        switch (fault)
        {
            case Fault.ResetMidBody:
                await response.OutputStream.WriteAsync(body.AsMemory(0, body.Length / 2), _stopping.Token);
                response.Abort();
                return;
            case Fault.StallMidBody:
                await response.OutputStream.WriteAsync(body.AsMemory(0, body.Length / 2), _stopping.Token);
                await response.OutputStream.FlushAsync(_stopping.Token);
                await Task.Delay(Timeout.Infinite, _stopping.Token);
                return;
            case Fault.Trickle trickle:
                var piece = (body.Length + trickle.Pieces - 1) / trickle.Pieces;
                for (var offset = 0; offset < body.Length; offset += piece)
                {
                    if (offset > 0)
                    {
                        await Task.Delay(trickle.Pause, _stopping.Token);
                    }
                    await response.OutputStream.WriteAsync(body.AsMemory(offset, Math.Min(piece, body.Length - offset)), _stopping.Token);
                    await response.OutputStream.FlushAsync(_stopping.Token);
                }
                response.Close();
                return;
            case Fault.CorruptBody:
                body[0] ^= 0xFF;
                break;
        }
        await response.OutputStream.WriteAsync(body, _stopping.Token);
        response.Close();
    }


    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Dispose();
        _upstream.Dispose();
        _stopping.Dispose();
    }

    private sealed class Rule(Func<HttpListenerRequest, bool> matches, Fault fault, int times)
    {
        private int _left = times;

        public Fault Fault { get; } = fault;

        public bool Matches(HttpListenerRequest request) => Volatile.Read(ref _left) > 0 && matches(request);

        public bool TryFire() => Interlocked.Decrement(ref _left) >= 0;
    }
}
