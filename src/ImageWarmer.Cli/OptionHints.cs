using ImageWarmer.Core.Failures;

namespace ImageWarmer.Cli;

/// <summary>The option that gives what a failure asks for (<see cref="UserInput"/>). Core's message names the condition
/// and the setting, which is what a Functions app's operator reads; the command line's user reads this too.</summary>
internal static class OptionHints
{
    /// <summary>The option, with a placeholder or the <paramref name="value"/> it needs.</summary>
    public static string For(UserInput input, string? value = null) => input switch
    {
        UserInput.TargetRegistry => "--registry myacr.azurecr.io",
        UserInput.InsecureRegistry => $"--insecure {value ?? "REGISTRY"}",
        UserInput.LockFile => "--lock FILE",
        UserInput.Manifests => "--manifests DIR|blob:",
        UserInput.MirrorFormat => "--format",
        UserInput.MirrorOutput => "--output DIR",
        UserInput.SourceEndpoint => "--endpoint",
        _ => throw new ArgumentOutOfRangeException(nameof(input), input, "an input without an option"),
    };
}
