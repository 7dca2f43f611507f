namespace ImageWarmer.Core.Warming;

/// <summary>Whether a warm run may replace a tag the target has whose source moved (a drifted image).</summary>
public enum TagReplacement
{
    /// <summary>As <see cref="WarmingOptions.DriftPolicy"/> says.</summary>
    ByDriftPolicy,

    /// <summary>Replace it whatever the drift policy (a forced request that was allowed to force).</summary>
    Always,

    /// <summary>Never: the tag is not known to be ImageWarmer's import of this source.</summary>
    Never,
}
