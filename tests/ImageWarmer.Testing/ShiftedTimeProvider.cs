namespace ImageWarmer.Testing;

/// <summary>The system clock moved to another moment: <see cref="TimeProvider.GetUtcNow"/> starts at <paramref name="now"/>
/// and runs on in real time, and timers and delays are the system's own (so retries and timeouts behave as in
/// production). For tests about dates: a backup tag's day, a ledger row written weeks ago.</summary>
public sealed class ShiftedTimeProvider(DateTimeOffset now) : TimeProvider
{
    private readonly TimeSpan _shift = now - System.GetUtcNow();

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;
}
