using ImageWarmer.Core.Contracts;

namespace ImageWarmer.Core.Operations;

/// <summary>The status ledger: every target's row, or one image's.</summary>
public sealed class StatusOperation(RequestOperation requests, IStatusLedger ledger)
{
    /// <summary>The rows <paramref name="options"/> ask for, by target name.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> RunAsync(StatusOptions options, CancellationToken cancellationToken = default)
    {
        if (options.Image is { } image)
        {
            var spec = requests.Name(new RequestOptions(image, options.Target, ""));
            return await ledger.GetAsync(spec.Target.ToString(), cancellationToken) is { } row ? [row] : [];
        }
        var rows = await ledger.ListAsync(cancellationToken).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Target, StringComparer.Ordinal)];
    }
}
