using ImageWarmer.Core.Discovery.Snapshots;
using ImageWarmer.Testing;

namespace ImageWarmer.Core.Tests.Discovery.Snapshots;

public sealed class DirectorySnapshotSourceTests
{
    [Fact]
    public async Task ReadEntriesAsync_Tree_YieldsOnlyManifests_NotGitNorLinkedFolders()
    {
        using var tree = new TemporaryDirectory();
        tree.Write("a/Dockerfile", "FROM nginx:1\n");
        tree.Write("a/notes.txt", "FROM ignored:1\n");
        tree.Write(".git/Dockerfile", "FROM ignored:2\n");
        tree.Write("b/c/porter.yml", "name: c\n");
        tree.Write("Dockerfile.dockerignore", "*\n");
        tree.Write("web.Dockerfile", "FROM nginx:2\n");
        Directory.CreateSymbolicLink(Path.Combine(tree.Path, "linked"), Path.Combine(tree.Path, "a"));

        var paths = new List<string>();
        await foreach (var entry in new DirectorySnapshotSource(tree.Path, new SnapshotOptions()).ReadEntriesAsync())
        {
            Assert.Null(entry.Error);
            paths.Add(entry.Path);
        }

        Assert.Equal(["web.Dockerfile", "a/Dockerfile", "b/c/porter.yml"], paths);
    }
}
