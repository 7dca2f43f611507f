using System.Net;

namespace ImageWarmer.Testing;

/// <summary>An <see cref="HttpListener"/> on a free loopback port that hands every request to a handler, each on a task
/// of its own, until it is disposed: what the test servers of our own (hostile registries, the fault proxy, the token
/// service) are built on.</summary>
public sealed class LoopbackListener : IDisposable
{
    private readonly HttpListener _listener = new();

    /// <summary>Starts listening and handing requests to <paramref name="handle"/>.</summary>
    public LoopbackListener(Func<HttpListenerContext, Task> handle)
    {
        Address = $"127.0.0.1:{LoopbackPorts.Free()}";
        _listener.Prefixes.Add($"http://{Address}/");
        _listener.Start();
        _ = Task.Run(() => AcceptAsync(handle));
    }

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Address { get; }

    /// <summary>Stops listening; requests being handled finish or fail on their own.</summary>
    public void Dispose() => _listener.Close();

    private async Task AcceptAsync(Func<HttpListenerContext, Task> handle)
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => handle(context));
        }
    }
}
