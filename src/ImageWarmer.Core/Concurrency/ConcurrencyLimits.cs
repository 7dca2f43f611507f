namespace ImageWarmer.Core.Concurrency;

/// <summary>
/// How much a run does at once, in the two places it matters: registry lookups (a plan's HEADs, ensure's checks, the
/// digests lock and pin resolve, referrer counts, ledger writes; <c>ImageWarmer:Planning:MaxConcurrency</c>) and
/// imports (<c>ImageWarmer:Warming:MaxConcurrentImports</c>). Every fan-out over images goes through here, so one
/// setting governs each kind of work wherever it happens. (Requests in flight per host are bounded below this, in the
/// registry client's handler chain.)
/// </summary>
/// <param name="Lookups">Lookups at once.</param>
/// <param name="Imports">Imports at once.</param>
public sealed record ConcurrencyLimits(int Lookups, int Imports)
{
    /// <summary>Runs <paramref name="body"/> for every index below <paramref name="count"/>, <see cref="Lookups"/> at once.</summary>
    public Task LookupsAsync(int count, Func<int, CancellationToken, ValueTask> body, CancellationToken cancellationToken = default) =>
        ForEachAsync(Enumerable.Range(0, count), Lookups, body, cancellationToken);

    /// <summary>Runs <paramref name="body"/> for every item, <see cref="Lookups"/> at once.</summary>
    public Task LookupsAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, ValueTask> body, CancellationToken cancellationToken = default) =>
        ForEachAsync(items, Lookups, body, cancellationToken);

    /// <summary>Runs <paramref name="body"/> for every index below <paramref name="count"/>, <see cref="Imports"/> at once.</summary>
    public Task ImportsAsync(int count, Func<int, CancellationToken, ValueTask> body, CancellationToken cancellationToken = default) =>
        ForEachAsync(Enumerable.Range(0, count), Imports, body, cancellationToken);

    private static Task ForEachAsync<T>(IEnumerable<T> items, int limit, Func<T, CancellationToken, ValueTask> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, limit), CancellationToken = cancellationToken }, body);
}
