using System.Net;
using System.Net.Sockets;

namespace ImageWarmer.Testing;

/// <summary>
/// The servers <c>scripts/test.sh</c> starts, started by the test process itself when it runs without that script
/// (a plain <c>dotnet test</c>): Azurite and two docker-registry instances, "upstream" (plays Docker Hub) and
/// "target" (plays ACR), with the script's flags and config, each on a free loopback port, in a fresh temp folder laid
/// out like the script's (<c>upstream-registry.log</c> is the upstream's stdout and stderr, hence its access log).
/// <para>
/// Once per test process, on first use (<see cref="Instance"/>): each test assembly runs in its own process, and one
/// that never asks (the Infra tests) starts nothing. A failed start is kept, so every test that needs the servers
/// fails with the same message instead of starting them again. They are stopped and the folder deleted when the
/// process exits (<see cref="AppDomain.ProcessExit"/>), with <see cref="ServerReaper"/> as the backstop.
/// </para>
/// </summary>
internal sealed class LocalTestServers
{
    private const string AzuriteAccount = "devstoreaccount1";
    private const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const int Attempts = 3;
    private static readonly TimeSpan AzuriteTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan RegistryTimeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<LocalTestServers> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly TemporaryDirectory _directory = new();
    private readonly List<ServerProcess> _servers = [];
    private readonly ServerReaper _reaper;

    private LocalTestServers() => _reaper = new ServerReaper(_directory.Path);

    /// <summary>The running servers; starts them on the first call.</summary>
    public static LocalTestServers Instance => Started.Value;

    /// <summary>The folder holding the servers' data and logs, like <c>IMAGEWARMER_TEST_SERVICES_DIR</c>.</summary>
    public string Directory => _directory.Path;

    /// <summary>Connection string of Azurite (blob, queue and table endpoints).</summary>
    public string StorageConnectionString { get; private set; } = "";

    /// <summary><c>127.0.0.1:port</c> of the registry that plays Docker Hub.</summary>
    public string UpstreamRegistry { get; private set; } = "";

    /// <summary><c>127.0.0.1:port</c> of the registry that plays ACR.</summary>
    public string TargetRegistry { get; private set; } = "";

    private static LocalTestServers Start()
    {
        var (dockerRegistry, azurite) = ServerPrograms.Find();
        var servers = new LocalTestServers();
        try
        {
            servers.StartAzurite(azurite);
            servers.UpstreamRegistry = servers.StartRegistry(dockerRegistry, "upstream-registry");
            servers.TargetRegistry = servers.StartRegistry(dockerRegistry, "target-registry");
        }
        catch
        {
            servers.Stop();
            throw;
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => servers.Stop();
        return servers;
    }

    private void StartAzurite(string azurite)
    {
        var folder = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "azurite")).FullName;
        var ports = StartOnFreePorts("azurite", 3, AzuriteTimeout, chosen => (azurite,
        [
            "--silent", "--skipApiVersionCheck", "--loose", "--location", folder,
            "--blobHost", "127.0.0.1", "--blobPort", $"{chosen[0]}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{chosen[1]}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{chosen[2]}",
        ], [.. chosen.Select(port => $"successfully listening at http://127.0.0.1:{port}")]));
        StorageConnectionString = $"DefaultEndpointsProtocol=http;AccountName={AzuriteAccount};AccountKey={AzuriteKey};" +
            $"BlobEndpoint=http://127.0.0.1:{ports[0]}/{AzuriteAccount};QueueEndpoint=http://127.0.0.1:{ports[1]}/{AzuriteAccount};" +
            $"TableEndpoint=http://127.0.0.1:{ports[2]}/{AzuriteAccount};";
    }

    private string StartRegistry(string dockerRegistry, string name)
    {
        var folder = Path.Combine(Directory, name);
        System.IO.Directory.CreateDirectory(Path.Combine(folder, "data"));
        var config = Path.Combine(folder, "config.yml");
        var port = StartOnFreePorts(name, 1, RegistryTimeout, ports =>
        {
            // The same configuration as scripts/lib/services.sh's: the access log is what RegistryAccessLog reads.
            File.WriteAllText(config, File.ReadAllText(Path.Combine(RepositoryPaths.Root, "scripts", "lib", "docker-registry.yml"))
                .Replace("@ROOT@", $"{folder}/data", StringComparison.Ordinal)
                .Replace("@ADDRESS@", $"127.0.0.1:{ports[0]}", StringComparison.Ordinal));
            return (dockerRegistry, ["serve", config], [$"listening on 127.0.0.1:{ports[0]}"]);
        })[0];
        return $"127.0.0.1:{port}";
    }

    // A port found free may be taken by another process before the server binds it (the other test processes pick
    // ports too): the server then exits at once, and another try on other ports is all it takes.
    private int[] StartOnFreePorts(string name, int count, TimeSpan timeout,
        Func<int[], (string Program, string[] Arguments, string[] ReadyLines)> command)
    {
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePorts(count);
            var (program, arguments, readyLines) = command(ports);
            var server = ServerProcess.Start(name, Path.Combine(Directory, $"{name}.log"), program, arguments);
            _reaper.Watch(server);
            try
            {
                server.WaitUntilReady(readyLines, timeout);
                _servers.Add(server);
                return ports;
            }
            catch (InvalidOperationException) when (server.HasExited && attempt < Attempts)
            {
                server.Dispose();
            }
            catch
            {
                server.Dispose();
                throw;
            }
        }
    }

    private static int[] FreePorts(int count)
    {
        // All listeners are open at once, so the ports differ from each other.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(listener => listener.Start());
        var ports = listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
        listeners.ForEach(listener => listener.Dispose());
        return ports;
    }

    private void Stop()
    {
        // vstest kills this process 100 ms after the run (see ServerReaper): one signal to each server first, then the
        // waits (which reap them), then the folder, which the reaper removes if this process does not get that far.
        _servers.ForEach(server => server.Kill());
        _servers.ForEach(server => server.Dispose());
        _servers.Clear();
        try
        {
            _directory.Dispose();
        }
        catch (IOException)
        {
            // The reaper removes what is left.
        }
        _reaper.Dispose();
    }
}
