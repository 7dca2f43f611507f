namespace ImageWarmer.Core.Failures;

/// <summary>
/// The base of every failure ImageWarmer raises on purpose: a message a person can act on, and its
/// <see cref="FailureKind"/>, which is all that retry, defer and reject decisions look at. The message is made one
/// inert line here (<see cref="InertText.OneLine"/>): much of it quotes registries, snapshots and queue messages, and it
/// goes on to logs, the ledger, tables and pipeline logs.
/// </summary>
public class ImageWarmerException(FailureKind kind, string message, Exception? inner = null, TimeSpan? retryAfter = null)
    : Exception(InertText.OneLine(message), inner)
{
    /// <summary>What kind of failure this is.</summary>
    public FailureKind Kind { get; } = kind;

    /// <summary>For <see cref="FailureKind.RateLimited"/> (and some transient failures): how long the other side asked to wait.</summary>
    public TimeSpan? RetryAfter { get; init; } = retryAfter;

    /// <summary>For a failure a person fixes by giving an input: which one (a front end adds how its users give it).</summary>
    public UserInput? Input { get; init; }

    /// <summary>The value the input needs, where the failure knows it (the registry to allow plain HTTP).</summary>
    public string? InputValue { get; init; }
}
