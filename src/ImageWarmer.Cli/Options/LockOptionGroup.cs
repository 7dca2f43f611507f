using System.CommandLine;

namespace ImageWarmer.Cli.Options;

/// <summary><c>--lock FILE</c>, for the verbs a lock file changes: <c>scan</c>, <c>plan</c>, <c>warm</c> and
/// <c>nightly</c> read it (a locked image is planned and imported by its locked digest), <c>ensure --locked</c> checks
/// against it, <c>lock</c> writes it. <c>mirror</c> and <c>prune</c> decide from which images the manifests declare, which
/// a lock does not change, so they do not take it: there the parser names it as an option the verb does not have.
/// (<c>pin</c> has a <c>--lock</c> of its own: the digests to write.)</summary>
internal sealed class LockOptionGroup : OptionGroup
{
    public static readonly LockOptionGroup Instance = new();

    public Option<string?> Lock { get; } = new("--lock")
    {
        Description = "The lock file (default: the nearest imagewarmer.lock.json from the manifests folder up to the repository root)",
    };

    public override IEnumerable<Option> Options => [Lock];
}
