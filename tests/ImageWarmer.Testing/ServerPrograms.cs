namespace ImageWarmer.Testing;

/// <summary>
/// Where the servers the tests start themselves are installed: docker-registry from Debian on PATH, Azurite where
/// <c>scripts/lib/services.sh</c> installs it (<c>.tools/azurite</c>) or on PATH. Starting, not installing, is the
/// tests' job: a missing server fails with what to install, never a skip, so a green run means it was tested.
/// </summary>
internal static class ServerPrograms
{
    /// <summary>The path of each program, or an exception naming every one that is missing and how to install it.</summary>
    public static (string DockerRegistry, string Azurite) Find()
    {
        var dockerRegistry = OnPath("docker-registry");
        var azurite = LocalAzurite() ?? OnPath("azurite");
        var missing = new List<string>();
        if (dockerRegistry is null)
        {
            missing.Add("docker-registry is not installed: run ./scripts/test.sh once, or apt-get install docker-registry");
        }
        if (azurite is null)
        {
            missing.Add("Azurite is not installed: run ./scripts/test.sh once (it installs it into .tools/azurite), or npm install -g azurite");
        }
        return missing.Count == 0
            ? (dockerRegistry!, azurite!)
            : throw new InvalidOperationException(string.Join(Environment.NewLine, missing));
    }

    private static string? LocalAzurite()
    {
        var path = Path.Combine(RepositoryPaths.Root, ".tools", "azurite", "node_modules", ".bin", "azurite");
        return File.Exists(path) ? path : null;
    }

    private static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(IsExecutable);

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0);
}
