namespace ImageWarmer.Core.Warming;

/// <summary>What a warm run does when a floating tag moved upstream.</summary>
public enum DriftPolicy
{
    /// <summary>Report it; the target keeps what it has (pipelines see no change mid-flight).</summary>
    Report,

    /// <summary>Import the new content over the tag.</summary>
    Reimport,
}
