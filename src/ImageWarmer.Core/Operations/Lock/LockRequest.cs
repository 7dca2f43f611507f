namespace ImageWarmer.Core.Operations.Lock;

/// <summary>The manifests folder to lock (the lock file is written at its root) and the registry whose digests it records.</summary>
public sealed record LockRequest(string Folder, string? TargetRegistry);
