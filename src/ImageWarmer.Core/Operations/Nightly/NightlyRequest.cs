namespace ImageWarmer.Core.Operations.Nightly;

/// <summary>What the nightly run plans: the snapshot (default <c>blob:</c>, the configured one) against the target
/// registry (null: the configured one).</summary>
public sealed record NightlyRequest(string Manifests = "blob:", string? TargetRegistry = null);
