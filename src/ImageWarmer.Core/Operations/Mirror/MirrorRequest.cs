namespace ImageWarmer.Core.Operations.Mirror;

/// <summary>One <c>mirror</c> run: the client <paramref name="Format"/> (<c>registries.conf</c>, <c>hosts.toml</c>,
/// <c>buildkitd.toml</c>, <c>daemon.json</c>), the target registry (null: the configured one), the manifests whose
/// source registries are mirrored besides Docker Hub (one or more, read as one; null or none: Docker Hub only), where to write (a file, or a folder for
/// <c>hosts.toml</c>; null: write nothing, the result carries the text) and whether a miss must fail instead of
/// falling back to the source.</summary>
public sealed record MirrorRequest(string Format, string? TargetRegistry = null, IReadOnlyList<string>? Manifests = null, string? Output = null, bool Strict = false);
