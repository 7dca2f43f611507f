using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Operations.Scan;
using ImageWarmer.Core.Retention;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Operations.Prune;

/// <summary>
/// Removes from the target the tags ImageWarmer created that no manifest has declared for longer than a window
/// (<see cref="PruneRules"/>), as the ledger records them; lists them only, unless asked to apply. Tags ImageWarmer did
/// not create, tags that now hold someone else's image, backup tags younger than the window and anything declared today
/// are never touched (<see cref="TagRemover"/>). A removed tag's ledger row goes with it. It acts only on fresh
/// declarations: the manifests it is given, read now, or a recent complete declaration run in the ledger
/// (<see cref="DeclarationFreshness"/>); otherwise it deletes nothing and says why.
/// </summary>
public sealed class PruneOperation(
    TargetRegistry targets, ScanOperation scan, IStatusLedger ledger, TagRemover remover, IOptions<RetentionOptions> retention, TimeProvider time,
    ILogger<PruneOperation> logger)
{
    /// <summary>The window when neither the caller nor <c>ImageWarmer:Retention:After</c> names one.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(30);

    /// <summary>Prunes (or, without <see cref="PruneRequest.Apply"/>, lists) what the ledger says nothing declares any more.</summary>
    public async Task<PruneResult> RunAsync(PruneRequest request, CancellationToken cancellationToken = default)
    {
        var host = targets.Resolve(request.TargetRegistry);
        var window = request.OlderThan ?? retention.Value.After ?? DefaultWindow;
        var now = time.GetUtcNow();
        var (declaredNow, refusal) = await DeclaredNowAsync(request, host, now, cancellationToken);
        if (refusal is not null)
        {
            Log.PruneRefused(logger, host, refusal);
            return new PruneResult(host, request.Apply, window, []) { Refusal = refusal };
        }
        var items = new List<PruneItem>();
        var rows = await ledger.For(host).ListAsync(cancellationToken).ToListAsync(cancellationToken);
        foreach (var row in rows.OrderBy(r => r.Target, StringComparer.Ordinal))
        {
            var verdict = declaredNow?.Contains(row.Target) == true
                ? new PruneVerdict(false, "declared by the manifests read now", now)
                : PruneRules.Judge(row, now, window);
            if (!verdict.Prune)
            {
                items.Add(new PruneItem(row.Target, row.ImportedDigest, PruneAction.Kept, verdict.Reason, verdict.LastSeen));
                continue;
            }
            items.Add(await RemoveAsync(host, row, verdict, request.Apply, cancellationToken));
        }
        var result = new PruneResult(host, request.Apply, window, items);
        Log.Pruned(logger, host, request.Apply, result.Counts[PruneAction.Deleted] + result.Counts[PruneAction.WouldDelete], result.Counts[PruneAction.Kept]);
        return result;
    }

    // The targets the given manifests declare now (null: none given, the ledger's run must be fresh), or why not to prune.
    private async Task<(IReadOnlySet<string>? DeclaredNow, string? Refusal)> DeclaredNowAsync(
        PruneRequest request, string host, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (request.Manifests is not { Count: > 0 } manifests)
        {
            var run = await ledger.DeclarationRunAsync(host, cancellationToken);
            return (null, DeclarationFreshness.Refusal(run, host, now, retention.Value.FreshFor));
        }
        var scanned = await scan.RunAsync(new ScanRequest(manifests, host), cancellationToken);
        return scanned.Problems.Count > 0
            ? (null, $"prune deletes nothing: the manifests in {string.Join(", ", manifests)} had {scanned.Problems.Count} problems, and a file that could not be read declares nothing")
            : (scanned.Images.Select(i => i.Target.ToString()).ToHashSet(StringComparer.Ordinal), null);
    }

    private async Task<PruneItem> RemoveAsync(string host, LedgerEntry row, PruneVerdict verdict, bool apply, CancellationToken cancellationToken)
    {
        if (!TargetImage.TryParse(row.Target, "", out var target, out var error))
        {
            return new PruneItem(row.Target, row.ImportedDigest, PruneAction.Kept, $"not a repository:tag ({error})", verdict.LastSeen);
        }
        try
        {
            var (action, how) = await remover.RemoveAsync(host, target, row.ImportedDigest!, apply, cancellationToken);
            if (apply && action is PruneAction.Deleted or PruneAction.Gone)
            {
                await ledger.For(host).ForgetAsync(row.Target, cancellationToken);
            }
            return new PruneItem(row.Target, row.ImportedDigest, action, action is PruneAction.Kept or PruneAction.Gone ? how : $"{verdict.Reason}: {how}", verdict.LastSeen);
        }
        catch (Exception e) when (Failure.OfItem(e, cancellationToken) is not null)
        {
            return new PruneItem(row.Target, row.ImportedDigest, PruneAction.Failed, e.Message, verdict.LastSeen);
        }
    }
}
