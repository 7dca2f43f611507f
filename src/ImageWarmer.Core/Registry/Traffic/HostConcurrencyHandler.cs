using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Registry.Traffic;

/// <summary>Lets at most <see cref="RegistryOptions.MaxConcurrencyPerHost"/> requests be in flight to one host,
/// whatever the callers' own concurrency: registries throttle bursts, and Docker Hub counts them.</summary>
public sealed class HostConcurrencyHandler(IOptions<RegistryOptions> options) : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var gate = _hosts.GetOrAdd(request.RequestUri!.Authority, _ => new SemaphoreSlim(Math.Max(1, options.Value.MaxConcurrencyPerHost)));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // The response is returned before its body is read: streaming a blob does not hold a slot.
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }
}
