using ImageWarmer.Core.Operations.Request;
using ImageWarmer.Core.Planning;

namespace ImageWarmer.Core.Operations.Ensure;

/// <summary>What <see cref="EnsureOperation"/> tells its caller while it waits: each request it made, each requested
/// image as it arrives in the target registry (or turns out to differ), and the images still missing when the wait ran out.</summary>
public sealed record EnsureEvents(
    Action<EnsureItem, RequestResult>? Requested = null, Action<EnsureItem, string>? Arrived = null, Action<IReadOnlyList<EnsureItem>, TimeSpan>? WaitRanOut = null);
