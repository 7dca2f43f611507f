using System.Diagnostics;

namespace ImageWarmer.Testing;

/// <summary>
/// Debian's <c>containerd</c> started for one test, with its root, state, socket and config in a folder of its own
/// (the CRI plugin off: only the image service is used), and <c>ctr</c> pulling through it with <c>--hosts-dir</c>.
/// Stopped (by its process id) and its folder removed on dispose; <see cref="ServerReaper"/> is the backstop.
/// </summary>
public sealed class ContainerdDaemon : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly TemporaryDirectory _directory = new();
    private readonly ServerReaper _reaper;
    private readonly ServerProcess _server;

    private ContainerdDaemon()
    {
        _reaper = new ServerReaper(_directory.Path);
        var config = _directory.Write("config.toml", $"""
            version = 2
            root = "{_directory.Path}/root"
            state = "{_directory.Path}/state"
            disabled_plugins = ["io.containerd.grpc.v1.cri"]

            [grpc]
              address = "{Address}"

            [plugins."io.containerd.internal.v1.opt"]
              path = "{_directory.Path}/opt"
            """);
        _server = ServerProcess.Start("containerd", Path.Combine(_directory.Path, "containerd.log"), "containerd", ["--config", config]);
        _reaper.Watch(_server);
    }

    /// <summary>The daemon's socket.</summary>
    public string Address => Path.Combine(_directory.Path, "state", "containerd.sock");

    /// <summary>Starts a daemon and waits until it serves its socket.</summary>
    public static ContainerdDaemon Start()
    {
        var daemon = new ContainerdDaemon();
        try
        {
            daemon._server.WaitUntilReady(["containerd successfully booted"], StartTimeout);
            return daemon;
        }
        catch
        {
            daemon.Dispose();
            throw;
        }
    }

    /// <summary><c>ctr images pull</c> of <paramref name="image"/> for linux/amd64 with the registry hosts of
    /// <paramref name="hostsDir"/>, unpacked with the native snapshotter (no mount needed).</summary>
    public Task<ProcessRun> PullAsync(string image, string hostsDir) => ProcessRun.RunAsync(new ProcessStartInfo("ctr",
        ["--address", Address, "images", "pull", "--hosts-dir", hostsDir, "--platform", "linux/amd64", "--snapshotter", "native", image]));

    /// <inheritdoc/>
    public void Dispose()
    {
        _server.Dispose();
        _reaper.Dispose();
        _directory.Dispose();
    }
}
