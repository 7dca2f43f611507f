using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Operations.Request;

namespace ImageWarmer.Core.Operations.Status;

/// <summary>The status ledger: every target's row, or one image's.</summary>
public sealed class StatusOperation(RequestOperation requests, IStatusLedger ledger)
{
    /// <summary>The rows <paramref name="request"/> ask for, by target name.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> RunAsync(StatusRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Image is { } image)
        {
            var spec = requests.Name(new ImageRequest(image, request.Target, ""));
            return await ledger.GetAsync(spec.Target.ToString(), cancellationToken) is { } row ? [row] : [];
        }
        var rows = await ledger.ListAsync(cancellationToken).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Target, StringComparer.Ordinal)];
    }
}
