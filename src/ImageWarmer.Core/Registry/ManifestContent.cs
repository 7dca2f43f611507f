namespace ImageWarmer.Core.Registry;

/// <summary>A manifest exactly as the registry stored it (its digest is the digest of these bytes).</summary>
public sealed record ManifestContent(Descriptor Descriptor, byte[] Bytes);
