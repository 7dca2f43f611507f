using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Core.Operations;

/// <summary>
/// The pipeline preflight that replaces <c>docker manifest inspect</c>: does the target registry have the image under
/// its ACR name? When it does not and the caller asks, enqueue a warm request and wait (polling with a growing pause,
/// on the injected clock) until it appears or the wait ends.
/// </summary>
public sealed class EnsureOperation(TargetRegistry targets, RequestOperation requests, RegistryClient registry, TimeProvider time)
{
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(15);

    /// <summary>Checks the image; <paramref name="requested"/> hears of the request when one is made.</summary>
    public async Task<EnsureResult> RunAsync(EnsureOptions options, Action<EnsureResult>? requested = null, CancellationToken cancellationToken = default)
    {
        var host = targets.Resolve(options.TargetRegistry);
        var (_, spec) = requests.Check(new RequestOptions(options.Image, options.Target, options.RequestedBy));
        var inRegistry = spec.Target.In(host);
        var result = new EnsureResult(spec.Source.FullyQualified, spec.Target.ToString(), host, false, null, null) { SourceFamiliar = spec.Source.Familiar };
        if (await registry.TryResolveAsync(inRegistry, cancellationToken) is { } found)
        {
            return result with { Present = true, Digest = found.Digest };
        }
        if (!options.Request)
        {
            return result;
        }

        var request = await requests.RunAsync(new RequestOptions(options.Image, options.Target, options.RequestedBy), cancellationToken);
        result = result with { RequestMessageId = request.MessageId };
        requested?.Invoke(result);
        var deadline = time.GetUtcNow() + options.Wait;
        for (var poll = TimeSpan.FromSeconds(1); time.GetUtcNow() < deadline; poll = Min(poll * 2, LongestPoll))
        {
            await Task.Delay(Min(poll, deadline - time.GetUtcNow()), time, cancellationToken);
            if (await registry.TryResolveAsync(inRegistry, cancellationToken) is { } arrived)
            {
                return result with { Present = true, Digest = arrived.Digest };
            }
        }
        return result;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
