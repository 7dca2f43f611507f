namespace ImageWarmer.Cli;

/// <summary>The exit codes every verb uses (docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>Usage error or a fatal error: nothing useful was done.</summary>
    public const int Fatal = 1;

    /// <summary>Done, but some input or images need attention (problems, missing, failed).</summary>
    public const int Attention = 2;
}
