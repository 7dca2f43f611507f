namespace ImageWarmer.Core.Operations.Ensure;

/// <summary>What a pipeline's preflight found for one image (docs/contracts/ensure.schema.json).</summary>
public enum EnsureStatus
{
    /// <summary>The target has the tag, with the digest the pin, the lock or upstream expects.</summary>
    Present,

    /// <summary>The target lacks the tag.</summary>
    Missing,

    /// <summary>The target's digest is not the one the pin, the lock or upstream expects. Not the plan's
    /// <c>PlanStatus.Drifted</c>, on purpose: that one says upstream moved on and warming has work, and it trusts a full
    /// version tag without asking; this one answers a pipeline's question, whether ACR serves what this build was
    /// reviewed against, where the expectation is often the lock file and upstream has not moved at all.</summary>
    Differs,

    /// <summary><c>--locked</c>, and the lock file has no entry for the image.</summary>
    Unlocked,

    /// <summary>The target has the tag, but upstream could not be asked what it should be.</summary>
    Unverified,
}
