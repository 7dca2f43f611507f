namespace ImageWarmer.Testing;

/// <summary>Paths inside the repository the tests run from.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ImageWarmer.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"ImageWarmer.sln not found above {AppContext.BaseDirectory}");
    });

    /// <summary>The folder holding ImageWarmer.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>The sample manifests.</summary>
    public static string Samples => Path.Combine(Root, "samples");
}
