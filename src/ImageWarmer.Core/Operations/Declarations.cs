using ImageWarmer.Core.Discovery;

namespace ImageWarmer.Core.Operations;

/// <summary>What a scan declares, as the ledger records it: each target <c>repo:tag</c> with its source.</summary>
internal static class Declarations
{
    public static IReadOnlyCollection<KeyValuePair<string, string>> Of(ScanResult scanned) =>
        [.. scanned.Images.Select(i => KeyValuePair.Create(i.Target.ToString(), i.Source.FullyQualified))];
}
