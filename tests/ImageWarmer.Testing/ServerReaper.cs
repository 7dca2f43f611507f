using System.Diagnostics;

namespace ImageWarmer.Testing;

/// <summary>
/// The backstop of <see cref="LocalTestServers"/>' clean-up: vstest kills the test host 100 ms after the run ends
/// (<c>VSTEST_TESTHOST_SHUTDOWN_TIMEOUT</c>), and a killed process runs no <c>ProcessExit</c> handler, or only part
/// of it. So a small shell, started before the servers, reads their process ids from a pipe; the pipe closes when
/// this process ends, however it ends, and the shell then kills those servers still running and removes the folder.
/// After a clean exit it finds nothing left to do.
/// </summary>
internal sealed class ServerReaper : IDisposable
{
    // A pid is only killed while its command line still names the folder (every server's does): after a server
    // ended by itself, its pid may belong to someone else's process.
    private const string Script = """
        exec >/dev/null 2>&1
        folder=$1
        pids=
        while read -r pid; do pids="$pids $pid"; done
        for pid in $pids; do
          if grep -qF -- "$folder" "/proc/$pid/cmdline"; then kill -KILL "$pid"; fi
        done
        rm -rf -- "$folder"
        """;

    private readonly Process _process;

    /// <summary>Starts the reaper of <paramref name="folder"/> and of the servers given to <see cref="Watch"/>.</summary>
    public ServerReaper(string folder) =>
        _process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", Script, "imagewarmer-test-reaper", folder])
        {
            RedirectStandardInput = true,
        }) ?? throw new InvalidOperationException("the shell that cleans up after the test servers did not start");

    /// <summary>Kills <paramref name="server"/> if this process dies without stopping it.</summary>
    public void Watch(ServerProcess server)
    {
        _process.StandardInput.WriteLine(server.Id);
        _process.StandardInput.Flush();
    }

    /// <summary>Closes the pipe, which lets the reaper finish, and waits for it.</summary>
    public void Dispose()
    {
        _process.StandardInput.Close();
        _process.WaitForExit(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }
}
