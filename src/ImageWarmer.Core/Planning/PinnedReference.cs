using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Planning;

/// <summary>A source pinned to a digest, as a drifted image's manifests would declare it to match what the target holds:
/// <c>docker.io/library/debian:bookworm-slim@sha256:…</c>.</summary>
public static class PinnedReference
{
    /// <summary><paramref name="source"/>'s tag with <paramref name="digest"/>, or null when either is missing (a
    /// digest-only source has no tag to keep).</summary>
    public static string? Of(ImageReference source, string? digest) =>
        source.Tag is { } tag && digest is not null ? $"{source.Name}:{tag}@{digest}" : null;
}
