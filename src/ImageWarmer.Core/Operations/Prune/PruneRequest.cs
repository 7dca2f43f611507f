namespace ImageWarmer.Core.Operations.Prune;

/// <summary>What to prune: tags ImageWarmer created that nothing declared for <paramref name="OlderThan"/> (null:
/// <c>ImageWarmer:Retention:After</c>, else 30 days), in <paramref name="TargetRegistry"/> (null: the configured one);
/// listed only, unless <paramref name="Apply"/>. <paramref name="Manifests"/> (folders, <c>blob:</c>…; several are one run, as
/// <see cref="Scan.ScanRequest"/> names them: the whole repository's manifests) makes prune read what is declared now instead
/// of trusting the ledger's last declaration run.</summary>
public sealed record PruneRequest(string? TargetRegistry, TimeSpan? OlderThan, bool Apply, IReadOnlyList<string>? Manifests = null);
