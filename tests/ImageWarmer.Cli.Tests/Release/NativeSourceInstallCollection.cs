namespace ImageWarmer.Cli.Tests.Release;

/// <summary>The test classes that share one build from source (<see cref="SourceInstallFixture"/>): a Native AOT
/// compilation takes minutes, so it is made once for all of them, not once per class.</summary>
[CollectionDefinition(Name)]
public sealed class NativeSourceInstallCollection : ICollectionFixture<SourceInstallFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "native executable built from source";
}
