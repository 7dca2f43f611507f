using System.Text.RegularExpressions;
using ImageWarmer.Testing;

namespace ImageWarmer.Core.Tests;

/// <summary>Core's folders depend on each other one way only (docs/architecture.md): a using that crosses a layer the
/// wrong way fails here, naming the file.</summary>
public sealed partial class ArchitectureTests
{
    // Each folder and the folders it may use (its own sub-folders always).
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Failures"] = [],
        ["Streams"] = ["Failures"],
        ["References"] = ["Failures"],
        ["Contracts"] = ["Failures"],
        ["Discovery"] = ["Failures", "References", "Streams"],
        ["Registry"] = ["Failures", "References", "Streams"],
        ["Planning"] = ["Failures", "References", "Discovery", "Registry"],
        ["Importing"] = ["Failures", "References", "Streams", "Discovery", "Registry"],
        ["Warming"] = ["Failures", "References", "Discovery", "Registry", "Planning", "Importing", "Contracts"],
        ["Storage"] = ["Failures", "Streams", "Discovery", "Contracts"],
        ["Mirroring"] = ["Failures", "References", "Registry"],
        ["Operations"] = ["Failures", "References", "Discovery", "Registry", "Planning", "Importing", "Contracts", "Warming", "Storage", "Mirroring"],
    };

    [GeneratedRegex(@"^using ImageWarmer\.Core\.(?<folder>[A-Za-z]+)", RegexOptions.Multiline)]
    private static partial Regex CoreUsing();

    [Fact]
    public void CoreFolders_DependOneWayOnly()
    {
        var core = Path.Combine(RepositoryPaths.Root, "src", "ImageWarmer.Core");
        var crossings = new List<string>();
        foreach (var file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(core, file);
            var folder = relative.Split(Path.DirectorySeparatorChar)[0];
            if (!Allowed.TryGetValue(folder, out var allowed))
            {
                Assert.False(relative.Contains(Path.DirectorySeparatorChar), $"{relative}: folder {folder} is not in the layer table");
                continue; // the composition root (AddImageWarmer, Log) may use every folder
            }
            foreach (Match use in CoreUsing().Matches(File.ReadAllText(file)))
            {
                var used = use.Groups["folder"].Value;
                if (used != folder && !allowed.Contains(used))
                {
                    crossings.Add($"{relative} uses {used}");
                }
            }
        }
        Assert.Empty(crossings);
    }
}
