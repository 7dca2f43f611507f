namespace ImageWarmer.Core.Mirroring;

/// <summary>What a client configuration says: <paramref name="Registry"/> (the target, e.g. <c>myacr.azurecr.io</c>)
/// mirrors each route's source; under <paramref name="Strict"/> a miss fails instead of falling back to the source.</summary>
public sealed record MirrorSet(string Registry, IReadOnlyList<MirrorRoute> Routes, bool Strict);
