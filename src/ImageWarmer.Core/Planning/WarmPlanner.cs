using System.Collections.Concurrent;
using ImageWarmer.Core.Concurrency;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry.Traffic;
using ImageWarmer.Core.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Planning;

/// <summary>
/// Decides, with the fewest and cheapest requests, what each ImportSpec needs: HEAD the target tag; an immutable
/// source the target has is present without asking upstream at all; a floating one is compared by a HEAD upstream
/// (never a GET: Docker Hub does not count HEADs as pulls); an absent one is confirmed upstream. One spec's error
/// fails that spec only, and no reference is asked about twice in one plan.
/// </summary>
public sealed class WarmPlanner(
    RegistryClient registry, RegistryTraffic traffic, RegistryEndpoints endpoints, ConcurrencyLimits limits, IOptions<PlanningOptions> options,
    ILogger<WarmPlanner> logger)
{
    private readonly TagMutability _mutability = new(options.Value.ImmutableTagPattern);

    /// <summary>Plans every spec against <paramref name="targetRegistry"/> (a login server such as <c>myacr.azurecr.io</c>).</summary>
    public async Task<WarmPlan> PlanAsync(IReadOnlyList<ImportSpec> specs, string targetRegistry, CancellationToken cancellationToken = default)
    {
        var before = traffic.Snapshot();
        var heads = new ConcurrentDictionary<string, Lazy<Task<Descriptor?>>>(StringComparer.Ordinal);
        var items = new PlanItem[specs.Count];
        await limits.LookupsAsync(specs.Count, async (i, token) => items[i] = await PlanOneAsync(specs[i], targetRegistry, heads, token), cancellationToken);

        var plan = new WarmPlan(items, traffic.CostSince(before, endpoints, specs.Select(s => s.Source.Registry)));
        var counts = plan.Counts;
        Log.Planned(logger, items.Length, targetRegistry, counts[PlanStatus.Present], counts[PlanStatus.Missing], counts[PlanStatus.Drifted],
            counts[PlanStatus.SourceMissing], counts[PlanStatus.Failed]);
        return plan;
    }

    private async Task<PlanItem> PlanOneAsync(
        ImportSpec spec, string targetRegistry, ConcurrentDictionary<string, Lazy<Task<Descriptor?>>> heads, CancellationToken cancellationToken)
    {
        try
        {
            var target = spec.Target.In(targetRegistry);
            var inTarget = await HeadOnceAsync(target, heads, cancellationToken);
            if (inTarget is not null && _mutability.IsImmutable(spec.Source))
            {
                // A digest pin is checked against the target for free; a full version tag is trusted.
                var status = spec.Source.Digest is { } pin && pin != inTarget.Digest ? PlanStatus.Drifted : PlanStatus.Present;
                return new PlanItem(spec, status, spec.Source.Digest, inTarget.Digest, null);
            }

            var upstream = await HeadOnceAsync(spec.Source, heads, cancellationToken);
            var result = (inTarget, upstream) switch
            {
                (null, null) => PlanStatus.SourceMissing,
                (null, _) => PlanStatus.Missing,
                // Upstream dropped the tag: what the target has is all there is, and it stays.
                (_, null) => PlanStatus.Present,
                _ => upstream.Digest == inTarget.Digest ? PlanStatus.Present : PlanStatus.Drifted,
            };
            return new PlanItem(spec, result, upstream?.Digest, inTarget?.Digest, null) { SourceMediaType = upstream?.MediaType };
        }
        catch (Exception e) when (Failure.OfItem(e, cancellationToken) is { } kind)
        {
            Log.PlanItemFailed(logger, spec.Source.FullyQualified, spec.Target.ToString(), e.Message);
            return new PlanItem(spec, PlanStatus.Failed, null, null, e.Message) { FailureKind = kind, RetryAfter = Failure.RetryAfterOf(e) };
        }
    }

    private Task<Descriptor?> HeadOnceAsync(ImageReference image, ConcurrentDictionary<string, Lazy<Task<Descriptor?>>> heads, CancellationToken cancellationToken) =>
        heads.GetOrAdd(image.FullyQualified, _ => new Lazy<Task<Descriptor?>>(() => registry.TryResolveAsync(image, cancellationToken))).Value;
}
