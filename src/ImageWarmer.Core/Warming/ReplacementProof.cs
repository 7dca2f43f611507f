using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Warming;

/// <summary>
/// The proof a drifted tag needs before anything replaces it (an allowed queue <c>force</c>, <see cref="DriftPolicy.Reimport"/>,
/// the backup-then-reimport that goes with it): the ledger says ImageWarmer imported this tag from the same source
/// repository, and the tag still holds the very digest that import wrote. A tag a team pushed itself, re-pushed since,
/// or imported from elsewhere fails the proof and is kept as it is (<see cref="WarmStatus.Kept"/>, with the reason);
/// without a ledger there is no proof at all.
/// </summary>
public sealed class ReplacementProof(IStatusLedger ledger)
{
    /// <summary>Why <paramref name="item"/>'s tag in <paramref name="targetRegistry"/> must not be replaced, or null when the ledger proves it is ImageWarmer's import.</summary>
    public async Task<string?> ObjectionAsync(PlanItem item, string targetRegistry, CancellationToken cancellationToken = default)
    {
        var (target, source) = (item.Spec.Target, item.Spec.Source);
        if (!ledger.IsConfigured)
        {
            return $"kept: without the status ledger (ImageWarmer:Storage) nothing proves ImageWarmer wrote {target}";
        }
        var row = await ledger.For(targetRegistry).GetAsync(target.ToString(), cancellationToken);
        if (row?.ImportedSource is not { } imported || !ImageReference.TryParse(imported, out var from) || from.Name != source.Name)
        {
            return $"kept: the ledger does not show that ImageWarmer imported {target} from {source.Name}"
                + (row?.ImportedSource is { } other ? $" (it shows {other})" : "");
        }
        return row.ImportedDigest == item.TargetDigest
            ? null
            : $"kept: {target} holds {item.TargetDigest}, not the {row.ImportedDigest} ImageWarmer imported: someone else put it there";
    }
}
