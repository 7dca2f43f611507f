using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Core.Operations.Ensure;

/// <summary>
/// Proves what the target registry holds for an image: its digest for the target tag, compared with the reference's
/// pin (no upstream request at all), else the lock file, else upstream's digest by one <c>HEAD</c> (not a pull on
/// Docker Hub). A target that cannot be read is the caller's failure (the gate cannot pass blind); an upstream that
/// cannot be asked makes the image <see cref="EnsureStatus.Unverified"/>, not failed.
/// </summary>
public sealed class DigestVerifier(RegistryClient registry)
{
    /// <summary>Verifies <paramref name="spec"/> in <paramref name="targetRegistry"/>.</summary>
    public async Task<EnsureItem> VerifyAsync(
        ImportSpec spec, string targetRegistry, Expectation expectation, LockFile? lockFile, CancellationToken cancellationToken = default)
    {
        var locked = lockFile?.For(spec.Source);
        var unlocked = expectation == Expectation.Locked && spec.Source.Digest is null && locked is null;
        var inTarget = await registry.TryResolveAsync(spec.Target.In(targetRegistry), cancellationToken);
        if (inTarget is null)
        {
            // Missing first, whatever the lock says: a bumped tag ACR lacks is something to request, not only to lock.
            return new EnsureItem(spec, EnsureStatus.Missing, null, spec.Source.Digest ?? locked?.Digest, From(spec, locked),
                unlocked ? $"and unlocked: {LockFile.FileName} has no entry for it either (request it, then run 'imagewarmer lock')" : null);
        }
        if (unlocked)
        {
            return new EnsureItem(spec, EnsureStatus.Unlocked, inTarget.Digest, null, null,
                $"{LockFile.FileName} has no entry for it: run 'imagewarmer lock' to pin the digest {targetRegistry} holds");
        }

        var (expected, from, unverified) = spec.Source.Digest is { } pin ? (pin, "pin", null)
            : expectation == Expectation.Locked ? (locked!.Digest, "lock", null)
            : expectation == Expectation.Offline ? (null, null, null)
            : await AskUpstreamAsync(spec.Source, cancellationToken);
        if (unverified is not null)
        {
            return new EnsureItem(spec, EnsureStatus.Unverified, inTarget.Digest, null, null, unverified);
        }
        return new EnsureItem(spec, expected is null || expected == inTarget.Digest ? EnsureStatus.Present : EnsureStatus.Differs,
            inTarget.Digest, expected, from, null);
    }

    private async Task<(string? Digest, string? From, string? Unverified)> AskUpstreamAsync(ImageReference source, CancellationToken cancellationToken)
    {
        try
        {
            return await registry.TryResolveAsync(source, cancellationToken) is { } upstream
                ? (upstream.Digest, "source", null)
                : (null, null, $"{source.Registry} has no {source.Familiar} any more");
        }
        catch (Exception e) when (Failure.OfItem(e, cancellationToken) is { } kind)
        {
            return (null, null, kind == FailureKind.RateLimited
                ? $"{source.Registry} is rate limiting (429), so its digest could not be asked: {e.Message}"
                : $"upstream unreachable: {e.Message}");
        }
    }

    private static string? From(ImportSpec spec, LockedImage? locked) => spec.Source.Digest is not null ? "pin" : locked is not null ? "lock" : null;
}
