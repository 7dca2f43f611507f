using ImageWarmer.Core.Failures;

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

    // Core describes the failure (Failure.Describe); the command line adds the option that gives what it asks for.
    private static string Describe(Exception exception) => Failure.Describe(exception) is { } line
        ? exception is ImageWarmerException { Input: { } input } e ? $"{line} (option: {OptionHints.For(input, e.InputValue)})" : line
        : $"unexpected {exception.GetType().Name}: {exception.Message} (run again with --verbose for the trace)";

    private static string OneLine(string text) => InertText.OneLine(text.ReplaceLineEndings(" ").Trim());
}
