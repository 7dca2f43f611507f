using Xunit;

namespace ImageWarmer.Testing;

/// <summary>
/// The xunit collection whose fixture is <see cref="TestServersFixture"/>: a class marked
/// <c>[Collection(TestServersCollection.Name)]</c> gets the fixture in its constructor.
/// <para>
/// xunit v2 reads collection definitions from the test assembly only, so this file is not compiled into
/// ImageWarmer.Testing but linked into each test project that uses the servers (<c>&lt;Compile Include&gt;</c> in
/// its csproj). The existing test classes are deliberately not in the collection: xunit runs the classes of one
/// collection one after another, and they need no fixture, since the servers start on first use behind
/// <see cref="TestServices"/>.
/// </para>
/// </summary>
[CollectionDefinition(Name)]
public sealed class TestServersCollection : ICollectionFixture<TestServersFixture>
{
    /// <summary>The collection's name, for <c>[Collection]</c>.</summary>
    public const string Name = "Test servers";
}
