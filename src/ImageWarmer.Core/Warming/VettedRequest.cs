using ImageWarmer.Core.Discovery;

namespace ImageWarmer.Core.Warming;

/// <summary>A queue request after <see cref="QueueRequestVetting"/>: the image to warm and whether it may replace a tag,
/// or why it is rejected.</summary>
/// <param name="Spec">The image (its source pinned to the digest upstream vouched for, when a check was needed); null when rejected.</param>
/// <param name="Replacement">Whether a drifted tag may be replaced.</param>
/// <param name="Rejection">Why the request is not taken, or null.</param>
public sealed record VettedRequest(ImportSpec? Spec, TagReplacement Replacement, string? Rejection)
{
    /// <summary>Said in the ledger whatever happens (a <c>force</c> that was not honoured).</summary>
    public string? Note { get; init; }

    /// <summary>A request that is not taken.</summary>
    public static VettedRequest Rejected(string reason) => new(null, TagReplacement.Never, reason);
}
