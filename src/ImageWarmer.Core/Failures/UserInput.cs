namespace ImageWarmer.Core.Failures;

/// <summary>
/// The input a failure asks a person to give or fix. Core's message states the condition and, where there is one, the
/// setting (<c>ImageWarmer:Planning:TargetRegistry</c>), which is how a Functions app is told; each front end adds how
/// its own users give the input (the CLI names its option), so Core never speaks one front end's language to another's
/// operators.
/// </summary>
public enum UserInput
{
    /// <summary>The target registry's host.</summary>
    TargetRegistry,

    /// <summary>A registry allowed plain HTTP (the failure's <see cref="ImageWarmerException.InputValue"/> names it).</summary>
    InsecureRegistry,

    /// <summary>The lock file a run reads or writes.</summary>
    LockFile,

    /// <summary>The manifests a run reads.</summary>
    Manifests,

    /// <summary>The format of a mirror configuration.</summary>
    MirrorFormat,

    /// <summary>Where a mirror configuration is written.</summary>
    MirrorOutput,

    /// <summary>Where ImageWarmer reaches a source registry instead of its own host.</summary>
    SourceEndpoint,
}
