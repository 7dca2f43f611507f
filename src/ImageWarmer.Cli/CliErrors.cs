using System.Net.Http;
using System.Net.Sockets;
using Azure;
using ImageWarmer.Core.Failures;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Cli;

/// <summary>
/// Every error a user can cause or meet ends here as one line on stderr and exit 1: a bad option value, a missing
/// setting, an unreachable registry, a refused credential, a storage service that says no. The stack trace is for
/// <c>--verbose</c> only; a failure we did not foresee says so, on one line too.
/// </summary>
internal static class CliErrors
{
    /// <summary>Reports <paramref name="exception"/> on <paramref name="error"/>; returns the exit code.</summary>
    public static int Report(TextWriter error, Exception exception, bool verbose)
    {
        error.WriteLine($"imagewarmer: {OneLine(Describe(exception))}");
        if (verbose)
        {
            error.WriteLine(exception.ToString());
        }
        return ExitCodes.Fatal;
    }

    /// <summary>Reports a problem found before anything ran (a bad option value); returns the exit code.</summary>
    public static int Report(TextWriter error, string message)
    {
        error.WriteLine($"imagewarmer: {OneLine(message)}");
        return ExitCodes.Fatal;
    }

    private static string Describe(Exception exception) => exception switch
    {
        ImageWarmerException e => e.Message,
        OptionsValidationException e => string.Join("; ", e.Failures),
        RequestFailedException e => $"storage request failed: {e.Status} {e.ErrorCode ?? e.Message}",
        HttpRequestException { InnerException: SocketException socket } e => $"cannot reach {Host(e)}: {socket.Message}",
        HttpRequestException e => $"request failed: {e.Message}",
        OperationCanceledException => "cancelled, or timed out",
        _ when Failure.KindOf(exception) is { } kind => $"{kind}: {exception.Message}",
        _ => $"unexpected {exception.GetType().Name}: {exception.Message} (run again with --verbose for the trace)",
    };

    // "Connection refused (127.0.0.1:5999)" names the host in its message; that is all we have of it.
    private static string Host(HttpRequestException e) =>
        e.Message.LastIndexOf('(') is var open and >= 0 && e.Message.EndsWith(')') ? e.Message[(open + 1)..^1] : "the registry";

    private static string OneLine(string text) => InertText.OneLine(text.ReplaceLineEndings(" ").Trim());
}
