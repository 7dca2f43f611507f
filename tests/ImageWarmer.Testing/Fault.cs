namespace ImageWarmer.Testing;

/// <summary>What <see cref="FaultProxy"/> does instead of forwarding a request.</summary>
public abstract record Fault
{
    /// <summary>Answer with a status (and <c>Retry-After</c> in seconds or as a date, and <c>ratelimit-remaining</c>).</summary>
    public sealed record Status(int Code, TimeSpan? RetryAfter = null, DateTimeOffset? RetryAfterDate = null, int? RateLimitRemaining = null) : Fault;

    /// <summary>Forward the request, and add Docker Hub's rate-limit headers to the answer (<c>ratelimit-remaining</c>
    /// <paramref name="Remaining"/> in a six-hour window): what Docker Hub says on every answer, HEADs included.</summary>
    public sealed record RateLimitHeaders(int Remaining) : Fault;

    /// <summary>Forward the request, and add <paramref name="Name"/>: <paramref name="Value"/> to the answer: what a
    /// registry with a feature the one behind the proxy lacks says (<c>OCI-Subject</c> on a manifest PUT).</summary>
    public sealed record Header(string Name, string Value) : Fault;

    /// <summary>Send half the body, then reset the connection.</summary>
    public sealed record ResetMidBody : Fault;

    /// <summary>Send half the body, then nothing more.</summary>
    public sealed record StallMidBody : Fault;

    /// <summary>Answer nothing at all, not even the status line: a source that hangs before its first byte.</summary>
    public sealed record StallBeforeAnswer : Fault;

    /// <summary>Send the body in <paramref name="Pieces"/> pieces with <paramref name="Pause"/> between them: a slow
    /// source that never stops sending for long.</summary>
    public sealed record Trickle(int Pieces, TimeSpan Pause) : Fault;

    /// <summary>Send the body with its first byte flipped.</summary>
    public sealed record CorruptBody : Fault;

    /// <summary>Answer in the registry's stead, with <paramref name="Body"/> of <paramref name="ContentType"/>: what a
    /// registry with an API the one behind the proxy lacks would answer (the OCI 1.1 referrers API).</summary>
    public sealed record Reply(int Code, string ContentType, byte[] Body) : Fault;
}
