using System.Collections.Concurrent;
using ImageWarmer.Core.Failures;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Registry.Traffic;

/// <summary>
/// Counts what goes to each host (requests, pulls) and keeps each host's rate-limit budget per credential from the
/// <c>ratelimit-remaining</c> it reports. Below <see cref="RegistryOptions.RateLimitFloor"/> pulls are refused until
/// the window resets; a host that never sent the headers has an unknown budget, which is not a spent one.
/// </summary>
public sealed class RegistryTraffic(TimeProvider time, IOptions<RegistryOptions> options)
{
    private readonly ConcurrentDictionary<string, Counters> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(string Host, string Credential), Budget> _budgets = new();

    /// <summary>Per host (<c>host:port</c>): requests, pulls and the last remaining count, as of now.</summary>
    public IReadOnlyDictionary<string, HostTraffic> Snapshot() =>
        _hosts.ToDictionary(h => h.Key, h => h.Value.ToTraffic(), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// What was sent since <paramref name="before"/> (a <see cref="Snapshot"/>), by registry name; the registries in
    /// <paramref name="alwaysListed"/> appear even when nothing went to them, since "0 requests" is often the point.
    /// </summary>
    public Dictionary<string, HostTraffic> CostSince(
        IReadOnlyDictionary<string, HostTraffic> before, RegistryEndpoints endpoints, IEnumerable<string> alwaysListed)
    {
        var cost = alwaysListed.Distinct(StringComparer.OrdinalIgnoreCase)
            .ToDictionary(r => r, _ => new HostTraffic(0, 0, null), StringComparer.OrdinalIgnoreCase);
        foreach (var (host, now) in Snapshot())
        {
            var earlier = before.GetValueOrDefault(host);
            var requests = now.Requests - (earlier?.Requests ?? 0);
            if (requests > 0)
            {
                cost[endpoints.NameOf(host)] = new HostTraffic(requests, now.Pulls - (earlier?.Pulls ?? 0), now.RateLimitRemaining);
            }
        }
        return cost;
    }

    /// <summary>Counts one request, refusing it first when it is a pull the budget no longer allows.</summary>
    /// <exception cref="RateLimitBudgetExhaustedException">The budget is below the floor.</exception>
    public void BeforeSend(string host, string credential, bool pull, bool countsAsPull)
    {
        if (pull && _budgets.TryGetValue((host, credential), out var budget))
        {
            lock (budget)
            {
                var now = time.GetUtcNow();
                if (now >= budget.ResetsAt)
                {
                    _budgets.TryRemove(KeyValuePair.Create((host, credential), budget));
                }
                else if (budget.Remaining < options.Value.RateLimitFloor)
                {
                    throw new RateLimitBudgetExhaustedException(host, credential, budget.Remaining, budget.ResetsAt - now);
                }
                else
                {
                    // Pulls in flight spend the budget before their responses tell us so.
                    budget.Remaining--;
                }
            }
        }
        var counters = _hosts.GetOrAdd(host, _ => new Counters());
        Interlocked.Increment(ref counters.Requests);
        if (countsAsPull)
        {
            Interlocked.Increment(ref counters.Pulls);
        }
    }

    /// <summary>Why a pull to <paramref name="host"/> as <paramref name="credential"/> would be refused now (its budget is
    /// below the floor until the window resets), or null when it would go out. Asks only: nothing is spent or counted.</summary>
    public RateLimitBudgetExhaustedException? Refusal(string host, string credential)
    {
        if (!_budgets.TryGetValue((host, credential), out var budget))
        {
            return null;
        }
        lock (budget)
        {
            var now = time.GetUtcNow();
            return now < budget.ResetsAt && budget.Remaining < options.Value.RateLimitFloor
                ? new RateLimitBudgetExhaustedException(host, credential, budget.Remaining, budget.ResetsAt - now)
                : null;
        }
    }

    /// <summary>Waits out a refusal that ends within <see cref="RegistryOptions.MaxRetryAfter"/> (a 429 that asked for a
    /// short wait), then asks again; returns a refusal that lasts longer (the image is deferred), or null.</summary>
    public async Task<RateLimitBudgetExhaustedException?> RefusalAfterShortWaitAsync(string host, string credential, CancellationToken cancellationToken = default)
    {
        while (Refusal(host, credential) is { } refusal)
        {
            if (refusal.ResetsIn > options.Value.MaxRetryAfter)
            {
                return refusal;
            }
            await Task.Delay(refusal.ResetsIn, time, cancellationToken);
        }
        return null;
    }

    /// <summary>Records the rate-limit headers of a response, and a 429's <c>Retry-After</c>.</summary>
    public void AfterResponse(string host, string credential, HttpResponseMessage response)
    {
        var now = time.GetUtcNow();
        var header = RateLimitHeader.FromResponse(response);
        var tooMany = (int)response.StatusCode == 429;
        var retryAfter = RetryAfterHeader.From(response, now);
        // A 429 that asks for a short wait is a hiccup the retry waits out; only a long one (or the rate-limit
        // headers) says the budget is spent. Recording the short one would refuse the very retry it asked for.
        if (header is null && (!tooMany || retryAfter <= options.Value.MaxRetryAfter))
        {
            return;
        }
        var remaining = header?.Remaining ?? 0;
        // A 429's explicit Retry-After says when to ask again, even beside "0;w=21600": the window is how long the
        // count lasts, not when the server will take another request. The next response after it sets the budget
        // anew (a HEAD, which is no pull, is a free probe), so a budget that recovered lets the run go on. Docker Hub's
        // real pull limit (429, 0 left, no Retry-After) falls back to the window, and defers until it allows.
        var window = tooMany && retryAfter is { } wait ? wait
            : header?.Window is { } w && w > TimeSpan.Zero ? w : retryAfter ?? TimeSpan.FromMinutes(1);
        _budgets[(host, credential)] = new Budget { Remaining = remaining, ResetsAt = now + window };
        _hosts.GetOrAdd(host, _ => new Counters()).LastRemaining = remaining;
    }

    private sealed class Budget
    {
        public int Remaining { get; set; }
        public DateTimeOffset ResetsAt { get; init; }
    }

    private sealed class Counters
    {
        public long Requests;
        public long Pulls;
        private int _lastRemaining = -1;

        public int LastRemaining { set => Volatile.Write(ref _lastRemaining, value); }

        public HostTraffic ToTraffic()
        {
            var remaining = Volatile.Read(ref _lastRemaining);
            return new(Interlocked.Read(ref Requests), Interlocked.Read(ref Pulls), remaining < 0 ? null : remaining);
        }
    }
}
