namespace ImageWarmer.Core.Failures;

/// <summary>A setting is missing or wrong: nothing can work until it is fixed, so it is never retried.</summary>
public sealed class ConfigurationException(string message, Exception? inner = null)
    : ImageWarmerException(FailureKind.Configuration, message, inner);
