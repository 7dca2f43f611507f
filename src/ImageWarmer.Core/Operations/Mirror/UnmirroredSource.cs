namespace ImageWarmer.Core.Operations.Mirror;

/// <summary>A source registry the manifests declare that the format cannot mirror (Docker Engine mirrors Docker Hub only).</summary>
public sealed record UnmirroredSource(string Source, string Reason);
