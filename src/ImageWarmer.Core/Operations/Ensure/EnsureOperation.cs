using ImageWarmer.Core.Concurrency;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Discovery.Snapshots;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Operations.Request;
using ImageWarmer.Core.Operations.Scan;
using ImageWarmer.Core.Warming;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Operations.Ensure;

/// <summary>
/// The pipeline gate: for every image a pipeline is about to use (named one by one, or every image the manifests
/// declare), prove that the target registry holds it with the digest the pin, the lock file or upstream says, all
/// at once, in one process. With <see cref="EnsureRequest.Request"/>, every missing image is requested at once and
/// waited for under one shared deadline, polling with a growing pause on the injected clock.
/// </summary>
public sealed class EnsureOperation(
    TargetRegistry targets, ScanOperation scan, RequestOperation requests, WarmRequestReader reader, DigestVerifier verifier, ConcurrencyLimits limits,
    IOptions<SnapshotOptions> snapshot, TimeProvider time)
{
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(15);

    /// <summary>Checks every image; <paramref name="events"/> hears of requests and arrivals.</summary>
    public async Task<EnsureReport> RunAsync(EnsureRequest request, EnsureEvents? events = null, CancellationToken cancellationToken = default)
    {
        var host = targets.Resolve(request.TargetRegistry);
        var (specs, lockFile, problems) = await CollectAsync(request, cancellationToken);
        var items = new EnsureItem[specs.Count];
        await limits.LookupsAsync(specs.Count, async (i, token) =>
            items[i] = await verifier.VerifyAsync(specs[i], host, request.Expectation, lockFile, token), cancellationToken);

        if (request.Request)
        {
            await RequestAndWaitAsync(request, host, lockFile, items, events ?? new(), cancellationToken);
        }
        return new EnsureReport(host, items, problems);
    }

    private async Task<(List<ImportSpec> Specs, LockFile? Lock, IReadOnlyList<ScanProblem> Problems)> CollectAsync(
        EnsureRequest request, CancellationToken cancellationToken)
    {
        var specs = new List<ImportSpec>();
        foreach (var image in request.Images)
        {
            // Named, not yet requested: checking an image the manifests call by a name of their own is fine.
            specs.Add(requests.Name(new ImageRequest(image, request.Target, RequestedBy(request))));
        }
        if (request.Manifests.Count == 0)
        {
            return request.Expectation != Expectation.Locked ? (specs, null, [])
                : request.LockFile is null ? throw new ConfigurationException("a locked check needs a lock file: name the manifests, or the lock file itself") { Input = UserInput.LockFile }
                : LockFileLocator.TryRead(request.LockFile, snapshot.Value.MaxFileBytes, out var named, out var error) ? (specs, named, [])
                : throw new ConfigurationException($"{request.LockFile}: {error}");
        }
        var scanned = await scan.RunAsync(new ScanRequest(request.Manifests) { LockFile = request.LockFile }, cancellationToken);
        if (request.Expectation == Expectation.Locked && scanned.Lock is null)
        {
            throw scanned.LockError is { } error
                ? new ConfigurationException($"{scanned.LockPath}: {error}")
                : new ConfigurationException($"no {LockFile.FileName} in {string.Join(", ", request.Manifests)} or above it up to the repository root: "
                    + $"write one with 'imagewarmer lock {string.Join(" ", request.Manifests)}', or name one") { Input = UserInput.LockFile };
        }
        var seen = specs.Select(s => s.Target.ToString()).ToHashSet(StringComparer.Ordinal);
        specs.AddRange(scanned.Images.Where(s => seen.Add(s.Target.ToString())));
        return (specs, scanned.Lock, scanned.Problems);
    }

    private async Task RequestAndWaitAsync(
        EnsureRequest request, string host, LockFile? lockFile, EnsureItem[] items, EnsureEvents events, CancellationToken cancellationToken)
    {
        var pending = new List<int>();
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].Status == EnsureStatus.Missing)
            {
                var spec = items[i].Spec;
                if (!reader.IsQueueable(spec, out var reason))
                {
                    items[i] = items[i] with { Detail = $"not requested: {reason} (the nightly run warms it)" };
                    continue;
                }
                var queued = await requests.RunAsync(
                    new ImageRequest(spec.Source.FullyQualified, spec.Target.ToString(), RequestedBy(request)), cancellationToken);
                events.Requested?.Invoke(items[i], queued);
                pending.Add(i);
            }
        }
        var deadline = time.GetUtcNow() + request.Wait;
        for (var poll = TimeSpan.FromSeconds(1); pending.Count > 0 && time.GetUtcNow() < deadline; poll = Min(poll * 2, LongestPoll))
        {
            await Task.Delay(Min(poll, deadline - time.GetUtcNow()), time, cancellationToken);
            var arrived = new bool[items.Length];
            await limits.LookupsAsync(pending, async (i, token) =>
            {
                var item = await verifier.VerifyAsync(items[i].Spec, host, request.Expectation, lockFile, token);
                if (item.Status != EnsureStatus.Missing)
                {
                    (items[i], arrived[i]) = (item, true);
                }
            }, cancellationToken);
            foreach (var i in pending.Where(i => arrived[i]))
            {
                events.Arrived?.Invoke(items[i], host);
            }
            pending.RemoveAll(i => arrived[i]);
        }
        if (pending.Count > 0)
        {
            foreach (var i in pending)
            {
                items[i] = items[i] with { Detail = $"requested, but not in {host} after {Human(request.Wait)}: 'imagewarmer status {items[i].Spec.Source.Familiar}' says why" };
            }
            events.WaitRanOut?.Invoke([.. pending.Select(i => items[i])], request.Wait);
        }
    }

    private static string RequestedBy(EnsureRequest request) => request.RequestedBy ?? $"ensure by {Requester.Default()}";

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    // As --wait is written: 10m, 90s, 1h.
    private static string Human(TimeSpan wait) =>
        wait.Ticks % TimeSpan.TicksPerHour == 0 && wait > TimeSpan.Zero ? $"{wait.TotalHours:0}h"
        : wait.Ticks % TimeSpan.TicksPerMinute == 0 && wait > TimeSpan.Zero ? $"{wait.TotalMinutes:0}m"
        : wait.Ticks % TimeSpan.TicksPerSecond == 0 ? $"{wait.TotalSeconds:0}s"
        : $"{wait.TotalMilliseconds:0}ms";
}
