namespace ImageWarmer.Core.Operations;

/// <summary>What a pipeline's preflight checks.</summary>
/// <param name="Image">The public image the pipeline is about to use.</param>
/// <param name="Target">Its ACR name when not the derived one.</param>
/// <param name="TargetRegistry">The ACR login server (null: the configured one).</param>
/// <param name="Request">When missing, enqueue a warm request and wait for it.</param>
/// <param name="Wait">How long to wait for a requested image.</param>
/// <param name="RequestedBy">Who asks, for the ledger.</param>
public sealed record EnsureOptions(string Image, string? Target, string? TargetRegistry, bool Request, TimeSpan Wait, string RequestedBy);
