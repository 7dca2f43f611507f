using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.Registry;

/// <summary>A registry would be reached over plain HTTP without being listed as insecure: a configuration to fix.</summary>
public sealed class InsecureRegistryException(string message) : ImageWarmerException(FailureKind.Configuration, message);
