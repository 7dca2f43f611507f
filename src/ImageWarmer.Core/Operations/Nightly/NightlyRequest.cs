namespace ImageWarmer.Core.Operations.Nightly;

/// <summary>What the nightly run plans: the snapshot (default <c>blob:</c>, the configured one) against the target
/// registry (null: the configured one).</summary>
public sealed record NightlyRequest(string Manifests = "blob:", string? TargetRegistry = null)
{
    /// <summary>The lock file to read (<c>nightly --lock</c>), instead of the snapshot's own or the one found in or above
    /// the manifests folder; null for the timer function, which reads the snapshot's.</summary>
    public string? LockFile { get; init; }
}
