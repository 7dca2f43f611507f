using System.Diagnostics;

namespace ImageWarmer.Testing;

/// <summary>
/// One server the tests start themselves (see <see cref="LocalTestServers"/>). Its stdout and stderr go to a log
/// file through a shell redirect, so the server writes the file itself: a line is there as soon as the server wrote
/// it, which <see cref="RegistryAccessLog"/> relies on (a pipe pumped by this process would let a test read the log
/// before the line arrived).
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly Process _process;
    private readonly string _name;
    private readonly string _logPath;
    private bool _killed;

    private ServerProcess(Process process, string name, string logPath)
    {
        _process = process;
        _name = name;
        _logPath = logPath;
    }

    /// <summary>The process id (the server's own: the shell <c>exec</c>s it).</summary>
    public int Id => _process.Id;

    /// <summary>Whether the server has stopped, e.g. because its port was taken before it could bind it.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Runs <paramref name="program"/> with its output in <paramref name="logPath"/>; does not wait for it.</summary>
    public static ServerProcess Start(string name, string logPath, string program, IEnumerable<string> arguments)
    {
        // $1 is the log, the rest the command; exec keeps one process, so killing it leaves nothing behind, and
        // stdin is /dev/null so the server holds none of the test host's streams.
        var start = new ProcessStartInfo("/bin/sh", ["-c", """log=$1; shift; exec "$@" </dev/null >"$log" 2>&1""", name, logPath, program, .. arguments]);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
        return new ServerProcess(process, name, logPath);
    }

    /// <summary>
    /// Waits until the log holds every one of <paramref name="readyLines"/> (what the server prints once its socket
    /// is open), polling: a server on a loaded machine takes as long as it takes, and a fixed sleep is either too
    /// short or wasted. A probe of the port could be answered by whoever took the port first; the server's own line
    /// cannot.
    /// </summary>
    public void WaitUntilReady(IReadOnlyList<string> readyLines, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!IsReady(readyLines))
        {
            // Waiting for the exit is the pause between polls, and it notices a server that gave up at once.
            if (_process.WaitForExit(PollInterval))
            {
                throw new InvalidOperationException($"{_name} exited with code {_process.ExitCode} before it was ready; its log:\n{ReadLog()}");
            }
            if (deadline.Elapsed > timeout)
            {
                throw new InvalidOperationException($"{_name} was not ready within {timeout.TotalSeconds:0} s; its log:\n{ReadLog()}");
            }
        }
    }

    private bool IsReady(IReadOnlyList<string> readyLines)
    {
        var log = ReadLog();
        return readyLines.All(line => log.Contains(line, StringComparison.Ordinal));
    }

    private string ReadLog()
    {
        if (!File.Exists(_logPath))
        {
            return "";
        }
        using var stream = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Kills the server without waiting: one signal, since the shell <c>exec</c>s the server, so the process is all
    /// there is. Quicker than <see cref="Dispose"/>'s tree walk, which reads /proc (some 40 ms a server), for when
    /// time is short.
    /// </summary>
    public void Kill()
    {
        _process.Kill();
        _killed = true;
    }

    /// <summary>Kills the server and anything it started, unless <see cref="Kill"/> did, and waits until it is gone.</summary>
    public void Dispose()
    {
        if (!_killed)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.WaitForExit();
        _process.Dispose();
    }
}
