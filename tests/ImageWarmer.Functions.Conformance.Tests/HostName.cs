namespace ImageWarmer.Functions.Conformance.Tests;

/// <summary>Which of a test's hosts (instances of the one app) ran a function.</summary>
public sealed record HostName(string Name);
