namespace ImageWarmer.Core.Operations;

/// <summary>Who runs this process, for the ledger when the caller names nobody: the pipeline run (Azure Pipelines'
/// <c>BUILD_BUILDID</c>, GitHub's <c>GITHUB_RUN_ID</c>), else the user and machine.</summary>
public static class Requester
{
    /// <summary><c>pipeline run 1234</c>, <c>workflow run 5678</c> or <c>user@machine</c>.</summary>
    public static string Default() =>
        Environment.GetEnvironmentVariable("BUILD_BUILDID") is { Length: > 0 } build ? $"pipeline run {build}"
        : Environment.GetEnvironmentVariable("GITHUB_RUN_ID") is { Length: > 0 } run ? $"workflow run {run}"
        : $"{Environment.UserName}@{Environment.MachineName}";
}
