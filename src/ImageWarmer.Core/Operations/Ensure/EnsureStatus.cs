namespace ImageWarmer.Core.Operations.Ensure;

/// <summary>What a pipeline's preflight found for one image (docs/contracts/ensure.schema.json).</summary>
public enum EnsureStatus
{
    /// <summary>The target has the tag, with the digest the pin, the lock or upstream expects.</summary>
    Present,

    /// <summary>The target lacks the tag.</summary>
    Missing,

    /// <summary>The target's digest is not the one the pin, the lock or upstream expects.</summary>
    Differs,

    /// <summary><c>--locked</c>, and the lock file has no entry for the image.</summary>
    Unlocked,

    /// <summary>The target has the tag, but upstream could not be asked what it should be.</summary>
    Unverified,
}
