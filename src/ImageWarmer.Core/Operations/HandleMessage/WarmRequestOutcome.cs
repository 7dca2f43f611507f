namespace ImageWarmer.Core.Operations.HandleMessage;

/// <summary>How a warm request ended (a retryable failure throws instead, so the queue tries it again).</summary>
public enum WarmRequestOutcome
{
    /// <summary>The image is in the target (imported now, or already), or was looked after and reported (drifted, source-missing).</summary>
    Warmed,

    /// <summary>Not a valid or allowed request: recorded with the reason, never retried.</summary>
    Rejected,

    /// <summary>The rate-limit budget is spent: the request was enqueued again to show when the window resets.</summary>
    Deferred,

    /// <summary>Failed in a way a retry would not fix: recorded in the ledger.</summary>
    Failed,
}
