using ImageWarmer.Testing;

namespace ImageWarmer.Cli.Tests;

/// <summary>A copy of what building the CLI needs (the two projects, the repository's build settings, the scripts,
/// action.yml), laid out as GitHub downloads an action (no .git), so
/// that a test can pack or publish it without racing the build the tests themselves run from.</summary>
internal static class SourceCopy
{
    private static readonly string[] RootFiles = ["Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig", "README.md", "action.yml"];

    /// <summary>Copies the CLI's sources under <paramref name="destination"/>; returns it.</summary>
    public static string Create(string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in RootFiles)
        {
            File.Copy(Path.Combine(RepositoryPaths.Root, file), Path.Combine(destination, file));
        }
        foreach (var folder in new[] { "src/ImageWarmer.Core", "src/ImageWarmer.Cli", "scripts" })
        {
            CopyFolder(folder, destination);
        }
        return destination;
    }

    private static void CopyFolder(string folder, string destination)
    {
        var from = Path.Combine(RepositoryPaths.Root, folder);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj")
            {
                continue;
            }
            var target = Path.Combine(destination, folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetUnixFileMode(target, File.GetUnixFileMode(file));
        }
    }
}
