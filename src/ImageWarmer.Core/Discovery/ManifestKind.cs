namespace ImageWarmer.Core.Discovery;

/// <summary>The kinds of file discovery reads images from.</summary>
public enum ManifestKind
{
    /// <summary>A Porter bundle's <c>porter.yaml</c> with a <c>custom.runtime_image.import</c> block.</summary>
    Porter,

    /// <summary>A Dockerfile: its <c>FROM</c> lines, <c># syntax=</c> frontend and <c>COPY --from</c> / <c>RUN --mount</c> images.</summary>
    Dockerfile,

    /// <summary>The explicit catalog <c>imagewarmer.yaml</c>, for images that scripts pull.</summary>
    Catalog,
}
