using ImageWarmer.Core.Discovery;

namespace ImageWarmer.Core.Operations.Mirror;

/// <summary>A declared image whose ACR name is not the one a mirror asks for (its manifest names the target itself):
/// a build pulling its source is not served from ACR. <paramref name="MirrorAsks"/> is the repository the client asks
/// the mirror for.</summary>
public sealed record UnreachableImage(ImportSpec Image, string MirrorAsks);
