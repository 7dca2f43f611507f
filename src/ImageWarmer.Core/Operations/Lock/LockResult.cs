using ImageWarmer.Core.Discovery;

namespace ImageWarmer.Core.Operations.Lock;

/// <summary>What <c>lock</c> did: where it wrote (null when it refused), the lock, and the images the registry lacks.</summary>
public sealed record LockResult(string? Path, LockFile Lock, IReadOnlyList<ImportSpec> Missing, IReadOnlyList<ScanProblem> Problems);
