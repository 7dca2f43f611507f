namespace ImageWarmer.Core.Retention;

/// <summary>What <c>prune</c> did with one ledger row's tag.</summary>
public enum PruneAction
{
    /// <summary>Left alone; the reason says why.</summary>
    Kept,

    /// <summary>Would be deleted (a dry run).</summary>
    WouldDelete,

    /// <summary>Deleted from the target, and its ledger row removed.</summary>
    Deleted,

    /// <summary>Not in the target any more; its ledger row is removed (with <c>--apply</c>).</summary>
    Gone,

    /// <summary>The registry could not be asked or refused; the reason says why.</summary>
    Failed,
}
