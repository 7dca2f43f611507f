using ImageWarmer.Core.Discovery;

namespace ImageWarmer.Core.Operations.Ensure;

/// <summary>One image's preflight: its status, the digest the target holds, the digest expected and where that
/// expectation came from (<c>pin</c>, <c>lock</c> or <c>source</c>), and a detail for people.</summary>
public sealed record EnsureItem(ImportSpec Spec, EnsureStatus Status, string? TargetDigest, string? ExpectedDigest, string? ExpectedFrom, string? Detail);
