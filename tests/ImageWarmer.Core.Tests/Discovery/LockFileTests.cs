using System.Text;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Testing;

namespace ImageWarmer.Core.Tests.Discovery;

/// <summary>The lock file read as people break it (a merge conflict, a stray comma), said with its line; and found where
/// a repository keeps it: the bundle's own, else the nearest one up to the repository root, never above it.</summary>
public sealed class LockFileTests : IDisposable
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private const string OtherDigest = "sha256:1123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private readonly TemporaryDirectory _tree = new();

    [Fact]
    public void TryParse_MergeConflictMarker_InvalidAtItsLine()
    {
        var text = """
            {
              "version": 1,
            <<<<<<< HEAD
              "registry": "a.azurecr.io",
            =======
              "registry": "b.azurecr.io",
            >>>>>>> bump
              "images": {}
            }
            """;

        Assert.False(LockFile.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error));

        Assert.StartsWith("invalid lock file (line 3): a merge conflict marker", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\n  \"version\": 1,\n  \"registry\": \"a.azurecr.io\",,\n  \"images\": {}\n}\n", "invalid lock file (line 3): ")]
    [InlineData("{\"version\": 2, \"registry\": \"a.azurecr.io\", \"images\": {}}", "invalid lock file: not a version 1 lock file")]
    [InlineData("{\"version\": 1.5, \"registry\": \"a.azurecr.io\", \"images\": {}}", "invalid lock file: not a version 1 lock file")]
    [InlineData("{\"version\": 1, \"registry\": \"a.azurecr.io\"}", "invalid lock file: it has no \"images\" object")]
    [InlineData("", "invalid lock file")]
    public void TryParse_Broken_SaysWhereAndWhy(string text, string expected)
    {
        Assert.False(LockFile.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error));

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_EqualsSignsInsideAValue_NotAConflictMarker()
    {
        var text = """{"version":1,"registry":"a.azurecr.io","images":{"docker.io/library/nginx:1":{"target":"library/nginx:1","digest":""" + $"\"{Digest}\"}}}}}}\n=======x\n";

        Assert.False(LockFile.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error));

        Assert.DoesNotContain("conflict", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_BundleInARepository_TheLockAtTheRepositoryRoot()
    {
        Directory.CreateDirectory(Path.Combine(_tree.Path, ".git"));
        var root = _tree.Write(LockFile.FileName, "{}");
        Directory.CreateDirectory(Path.Combine(_tree.Path, "templates", "shared_services", "nexus"));

        var found = LockFileLocator.Find(Path.Combine(_tree.Path, "templates", "shared_services", "nexus"), out var searched);

        Assert.Equal(root, Path.GetFullPath(found!));
        Assert.Contains(" and up to " + _tree.Path, searched, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_BundleWithItsOwnLock_TheNearestWins()
    {
        Directory.CreateDirectory(Path.Combine(_tree.Path, ".git"));
        _tree.Write(LockFile.FileName, "{}");
        var own = _tree.Write(Path.Combine("bundle", LockFile.FileName), "{}");

        Assert.Equal(own, Path.GetFullPath(LockFileLocator.Find(Path.Combine(_tree.Path, "bundle"), out _)!));
    }

    [Fact]
    public void Find_OutsideARepository_OnlyTheFolderItself()
    {
        _tree.Write(LockFile.FileName, "{}");
        Directory.CreateDirectory(Path.Combine(_tree.Path, "bundle"));

        Assert.Null(LockFileLocator.Find(Path.Combine(_tree.Path, "bundle"), out _));
    }

    [Fact]
    public void Find_ARepositoryInsideAFolderWithALock_StopsAtTheRepositoryRoot()
    {
        _tree.Write(LockFile.FileName, "{}"); // above the repository: nobody's
        Directory.CreateDirectory(Path.Combine(_tree.Path, "repo", ".git"));
        Directory.CreateDirectory(Path.Combine(_tree.Path, "repo", "bundle"));

        Assert.Null(LockFileLocator.Find(Path.Combine(_tree.Path, "repo", "bundle"), out _));
    }

    [Fact]
    public void TryMerge_TwoBundlesLocks_OneLock_ADisagreementIsAnError()
    {
        var a = new LockFile("a.azurecr.io", new Dictionary<string, LockedImage> { ["docker.io/library/nginx:1"] = new("library/nginx:1", Digest) });
        var b = new LockFile("a.azurecr.io", new Dictionary<string, LockedImage> { ["docker.io/library/redis:7"] = new("library/redis:7", Digest) });
        var c = new LockFile("a.azurecr.io", new Dictionary<string, LockedImage> { ["docker.io/library/nginx:1"] = new("library/nginx:1", OtherDigest) });

        Assert.True(a.TryMerge(b, out var merged, out _));
        Assert.Equal(2, merged.Images.Count);
        Assert.False(a.TryMerge(c, out _, out var error));
        Assert.Contains("disagree on docker.io/library/nginx:1", error, StringComparison.Ordinal);
        Assert.False(a.TryMerge(b with { Registry = "b.azurecr.io" }, out _, out error));
        Assert.Contains("different registries", error, StringComparison.Ordinal);
    }

    public void Dispose() => _tree.Dispose();
}
