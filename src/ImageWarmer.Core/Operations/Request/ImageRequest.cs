namespace ImageWarmer.Core.Operations.Request;

/// <summary>One image to ask the Functions app for.</summary>
/// <param name="Image">The public image, as a person writes it (<c>sonatype/nexus3:3.77.2</c>).</param>
/// <param name="Target">Its ACR name, <c>repository[:tag]</c>; null derives it from the image.</param>
/// <param name="RequestedBy">Who asks, for the ledger.</param>
/// <param name="Force">Re-import even a tag that drifted.</param>
public sealed record ImageRequest(string Image, string? Target, string RequestedBy, bool Force = false);
