namespace ImageWarmer.Core.Registry;

/// <summary>A registry would be reached over plain HTTP without being listed as insecure.</summary>
public sealed class InsecureRegistryException(string message) : InvalidOperationException(message);
