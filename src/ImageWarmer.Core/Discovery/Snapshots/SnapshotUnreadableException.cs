using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.Discovery.Snapshots;

/// <summary>A snapshot that holds no manifest ImageWarmer could read (empty, corrupt from the first byte, every file
/// refused): a clear error with its problems, never a scan that looks as if the repository declared nothing.</summary>
public sealed class SnapshotUnreadableException(string snapshot, IReadOnlyList<ScanProblem> problems, int problemsDropped)
    : ImageWarmerException(FailureKind.InvalidInput, Describe(snapshot, problems, problemsDropped))
{
    private const int ProblemsInMessage = 5;

    /// <summary>Where the snapshot is.</summary>
    public string Snapshot { get; } = snapshot;

    /// <summary>What was wrong with it (capped, as every scan's problems are).</summary>
    public IReadOnlyList<ScanProblem> Problems { get; } = problems;

    private static string Describe(string snapshot, IReadOnlyList<ScanProblem> problems, int dropped)
    {
        if (problems.Count == 0)
        {
            return $"snapshot {snapshot} holds no manifest file (porter.yaml, Dockerfile, imagewarmer.yaml): an empty snapshot is never taken for a repository that declares nothing";
        }
        var shown = string.Join("; ", problems.Take(ProblemsInMessage));
        var total = problems.Count + dropped;
        var more = total - ProblemsInMessage;
        return $"snapshot {snapshot} holds no manifest that could be read ({total:N0} {(total == 1 ? "problem" : "problems")}): {shown}" +
            (more > 0 ? $"; and {more} more" : "");
    }
}
