using ImageWarmer.Core.Importing;
using ImageWarmer.Core.Warming;

namespace ImageWarmer.Core.Tests.Warming;

public sealed class ImportGateTests
{
    [Fact]
    public async Task RunOnce_SameTargetTwiceAtOnce_ImportsOnceBothGetTheResult()
    {
        var gate = new ImportGate();
        var release = new TaskCompletionSource<ImportResult>();
        var imports = 0;
        Task<ImportResult> Import()
        {
            Interlocked.Increment(ref imports);
            return release.Task;
        }

        var first = gate.RunOnceAsync("acr/library/nginx:1.27", Import);
        var second = gate.RunOnceAsync("acr/library/nginx:1.27", Import);
        var other = gate.RunOnceAsync("acr/library/redis:7", () => Task.FromResult(new ImportResult(false, "sha256:r", 0, 0, 0)));
        release.SetResult(new ImportResult(false, "sha256:n", 1, 1, 0));

        Assert.Equal("sha256:n", (await first).Digest);
        Assert.Equal("sha256:n", (await second).Digest);
        Assert.Equal("sha256:r", (await other).Digest);
        Assert.Equal(1, imports);
    }

    [Fact]
    public async Task RunOnce_AfterAnImportEnds_TheNextOneRunsAgain()
    {
        var gate = new ImportGate();
        var imports = 0;
        Task<ImportResult> Import() => Task.FromResult(new ImportResult(false, $"sha256:{Interlocked.Increment(ref imports)}", 0, 0, 0));

        await gate.RunOnceAsync("t", Import);
        await gate.RunOnceAsync("t", Import);

        Assert.Equal(2, imports);
    }
}
