using ImageWarmer.Testing;

namespace ImageWarmer.Cli.Tests.Release;

/// <summary>scripts/release.sh run once for linux-x64 (the machine's runtime; arm64 is the same script with a cross
/// linker, and another AOT compilation the tests do not pay for): the tarball, SHA256SUMS and the tool packages.</summary>
public sealed class ReleaseFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();

    /// <summary>The release folder release.sh wrote.</summary>
    public string Output => Path.Combine(_directory.Path, "release");

    /// <summary>The version the project says.</summary>
    public string Version { get; private set; } = "";

    /// <summary>A scratch folder for a test.</summary>
    public string Scratch(string name) => Directory.CreateDirectory(Path.Combine(_directory.Path, name + Guid.NewGuid().ToString("n")[..6])).FullName;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        var source = SourceCopy.Create(Path.Combine(_directory.Path, "source"));
        await NativeProcess.SucceedAsync(Path.Combine(source, "scripts", "release.sh"), null, Output, "linux-x64");
        Version = Path.GetFileName(Directory.EnumerateFiles(Output, "imagewarmer-*-linux-x64.tar.gz").Single())
            ["imagewarmer-".Length..^"-linux-x64.tar.gz".Length];
    }

    /// <inheritdoc/>
    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
