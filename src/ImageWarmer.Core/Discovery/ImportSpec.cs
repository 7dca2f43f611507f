using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Discovery;

/// <summary>One image to keep warm: the public source, its name in ACR, and every place that declares it.</summary>
public sealed record ImportSpec(ImageReference Source, TargetImage Target, IReadOnlyList<ImageOrigin> Origins);
