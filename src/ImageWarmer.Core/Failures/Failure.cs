using System.Text.Json;
using Azure;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Failures;

/// <summary>
/// The one mapping from an exception to a <see cref="FailureKind"/>. Our own failures carry their kind; what the
/// platform throws at us (a broken connection, a storage service's refusal, a bad setting) is mapped here, once.
/// Null means "not a failure we know": a bug, which must surface, not be reported as an image's failure.
/// </summary>
public static class Failure
{
    /// <summary>The kind of <paramref name="exception"/>; a cancellation the caller asked for is not a failure (null).</summary>
    public static FailureKind? KindOf(Exception exception, CancellationToken cancellationToken = default) => exception switch
    {
        ImageWarmerException e => e.Kind,
        OperationCanceledException => cancellationToken.IsCancellationRequested ? null : FailureKind.Transient,
        HttpRequestException or IOException or TimeoutException => FailureKind.Transient,
        RequestFailedException e when e.Status == 0 => FailureKind.Transient,
        RequestFailedException e => HttpFailures.KindOf(e.Status),
        OptionsValidationException => FailureKind.Configuration,
        JsonException or FormatException or OverflowException => FailureKind.InvalidInput,
        _ => null,
    };

    /// <summary>The kind when the failure belongs to the one image being worked on, so that image fails and the rest go
    /// on; null for what must end the whole run instead: a configuration to fix, a cancellation, a bug.</summary>
    public static FailureKind? OfItem(Exception exception, CancellationToken cancellationToken = default) =>
        KindOf(exception, cancellationToken) is { } kind && kind != FailureKind.Configuration ? kind : null;

    /// <summary>Whether a later try might succeed where this one failed (a queue message is then retried).</summary>
    public static bool IsRetryable(FailureKind? kind) => kind is FailureKind.Transient;

    /// <summary>How long the failure asked to wait before the next try, when it said.</summary>
    public static TimeSpan? RetryAfterOf(Exception exception) => (exception as ImageWarmerException)?.RetryAfter;
}
