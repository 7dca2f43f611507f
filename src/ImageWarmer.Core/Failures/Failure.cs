using System.Net.Sockets;
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

    /// <summary>The failure as one line a person can act on, for every exception <see cref="KindOf"/> knows: the CLI's
    /// error line and the Functions app's log say the same. Null for a bug, which the caller reports as one.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        ImageWarmerException e => e.Message,
        OptionsValidationException e => string.Join("; ", e.Failures),
        RequestFailedException e => $"storage request failed: {e.Status} {e.ErrorCode ?? e.Message}",
        HttpRequestException { InnerException: SocketException socket } e => $"cannot reach {HostOf(e)}: {socket.Message}",
        HttpRequestException e => $"request failed: {e.Message}",
        OperationCanceledException => "cancelled, or timed out",
        _ when KindOf(exception) is { } kind => $"{kind}: {exception.Message}",
        _ => null,
    };

    /// <summary>How long the failure asked to wait before the next try, when it said.</summary>
    public static TimeSpan? RetryAfterOf(Exception exception) => (exception as ImageWarmerException)?.RetryAfter;

    // "Connection refused (127.0.0.1:5999)" names the host in its message; that is all we have of it.
    private static string HostOf(HttpRequestException e) =>
        e.Message.LastIndexOf('(') is var open and >= 0 && e.Message.EndsWith(')') ? e.Message[(open + 1)..^1] : "the registry";
}
