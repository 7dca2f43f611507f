namespace ImageWarmer.Core.Operations.Ensure;

/// <summary>Where <c>ensure</c> takes the digest an image must have from.</summary>
public enum Expectation
{
    /// <summary>The reference's pin, else upstream's digest by one <c>HEAD</c> (free on Docker Hub).</summary>
    Upstream,

    /// <summary>The reference's pin, else the lock file; nothing is sent to any source registry.</summary>
    Locked,

    /// <summary>The reference's pin, else nothing: presence only, no source registry asked.</summary>
    Offline,
}
