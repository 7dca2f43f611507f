using ImageWarmer.Testing;

namespace ImageWarmer.Cli.Tests.Commands;

/// <summary>An empty or wholly unreadable snapshot is a clear error: exit 1, one line on stderr with its problems,
/// never a crash and never a scan that looks as if nothing was declared.</summary>
public sealed class UnreadableSnapshotTests : IDisposable
{
    private readonly TemporaryDirectory _tree = new();

    [Fact]
    public async Task Scan_EmptyFolder_ExitsOneWithOneLine()
    {
        var run = await CliRun.InvokeAsync("scan", _tree.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"imagewarmer: snapshot {_tree.Path} holds no manifest file (porter.yaml, Dockerfile, imagewarmer.yaml): " +
            "an empty snapshot is never taken for a repository that declares nothing", run.Error.TrimEnd());
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Scan_ArchiveThatIsNoArchive_ExitsOneNamingTheProblem()
    {
        var archive = _tree.Write("snapshot.tar.gz", "not gzip");

        var run = await CliRun.InvokeAsync("scan", "--manifests", archive, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"imagewarmer: snapshot {archive} holds no manifest that could be read (1 problem): {archive}: archive could not be read further",
            run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    public void Dispose() => _tree.Dispose();
}
