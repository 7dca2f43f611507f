using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Discovery;

/// <summary>One image as a manifest declares it, before filtering and merging.</summary>
/// <param name="Source">The public image.</param>
/// <param name="Target">The ACR name the manifest asks for, or null to derive it from the source.</param>
/// <param name="Origin">Where the declaration is.</param>
public sealed record DeclaredImage(ImageReference Source, TargetImage? Target, ImageOrigin Origin);
