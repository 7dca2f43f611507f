using ImageWarmer.Core.Discovery;

namespace ImageWarmer.Core.Operations.Pin;

/// <summary>What pin did to a folder's manifests against <paramref name="Registry"/>.</summary>
/// <param name="Registry">The registry whose digests were written.</param>
/// <param name="Written">Whether the files were written (false in a dry run).</param>
/// <param name="Files">The files changed, each with its diff.</param>
/// <param name="Unchanged">Declarations that carried the registry's digest already.</param>
/// <param name="NotTouched">Declarations left as they are, each with the reason.</param>
/// <param name="Problems">What the scan could not read (a <c>FROM</c> behind an <c>ARG</c> without a value…): not touched either.</param>
public sealed record PinResult(
    string Registry, bool Written, IReadOnlyList<PinnedFile> Files, int Unchanged, IReadOnlyList<PinSkip> NotTouched, IReadOnlyList<ScanProblem> Problems)
{
    /// <summary>The lock file whose digests were written (<c>pin --lock</c>), else null: the digests <see cref="Registry"/> holds.</summary>
    public string? Lock { get; init; }

    /// <summary>Whether every declaration carries the registry's digest now (or would, after a dry run), with nothing left out.</summary>
    public bool AllPinned => NotTouched.Count == 0 && Problems.Count == 0;
}
