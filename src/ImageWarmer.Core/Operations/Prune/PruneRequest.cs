namespace ImageWarmer.Core.Operations.Prune;

/// <summary>What to prune: tags ImageWarmer created that nothing declared for <paramref name="OlderThan"/> (null:
/// <c>ImageWarmer:Retention:After</c>, else 30 days), in <paramref name="TargetRegistry"/> (null: the configured one);
/// listed only, unless <paramref name="Apply"/>.</summary>
public sealed record PruneRequest(string? TargetRegistry, TimeSpan? OlderThan, bool Apply);
