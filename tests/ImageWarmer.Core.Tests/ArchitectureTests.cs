using System.Text.RegularExpressions;
using ImageWarmer.Core.Operations;
using ImageWarmer.Testing;
using Mono.Cecil;

namespace ImageWarmer.Core.Tests;

/// <summary>
/// Core's folders depend on each other one way only, and docs/architecture.md says so. The check reads the compiled
/// assembly (every type a type's signatures, attributes and method bodies refer to), not the source text: a fully
/// qualified name or a global using crosses a layer as surely as a <c>using</c> line does.
/// </summary>
public sealed partial class ArchitectureTests
{
    private const string CoreNamespace = "ImageWarmer.Core";

    // Each folder and the folders it may use (its own sub-folders always). The composition root (AddImageWarmer, Log),
    // in the project's root namespace, may use every folder.
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Failures"] = [],
        ["Streams"] = ["Failures"],
        ["Concurrency"] = [],
        ["References"] = ["Failures"],
        ["Contracts"] = ["Failures"],
        ["Discovery"] = ["Failures", "References", "Streams"],
        ["Registry"] = ["Failures", "References", "Streams"],
        ["Planning"] = ["Concurrency", "Failures", "References", "Discovery", "Registry"],
        ["Importing"] = ["Failures", "References", "Streams", "Discovery", "Registry"],
        ["Warming"] = ["Concurrency", "Failures", "References", "Discovery", "Registry", "Planning", "Importing", "Contracts"],
        ["Retention"] = ["Failures", "References", "Registry", "Importing", "Contracts"],
        ["Pinning"] = ["Discovery"],
        ["Storage"] = ["Failures", "Streams", "Discovery", "Contracts"],
        ["Mirroring"] = ["Failures", "References", "Registry"],
        ["Operations"] = ["Concurrency", "Failures", "References", "Discovery", "Registry", "Planning", "Importing", "Contracts", "Warming", "Storage", "Mirroring", "Retention", "Pinning"],
    };

    private static readonly Lazy<ModuleDefinition> Core = new(() => ModuleDefinition.ReadModule(typeof(TargetRegistry).Assembly.Location));

    [Fact]
    public void CoreFolders_DependOneWayOnly()
    {
        var crossings = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in Core.Value.GetTypes())
        {
            if (FolderOf(Outermost(type).Namespace) is not { } folder)
            {
                continue; // the composition root, or code a generator put outside our namespaces
            }
            Assert.True(Allowed.ContainsKey(folder), $"{type.FullName}: folder {folder} is not in the layer table");
            foreach (var used in TypeReferences.Of(type).Select(t => FolderOf(Outermost(t).Namespace)).OfType<string>())
            {
                if (used != folder && !Allowed[folder].Contains(used))
                {
                    crossings.Add($"{Outermost(type).FullName} ({folder}) uses {used}");
                }
            }
        }
        Assert.Empty(crossings);
    }

    [Fact]
    public void CoreFolders_AreAllInTheDocumentsLayerTable()
    {
        var table = Section("## Inside Core").Where(l => l.StartsWith('|')).ToList();
        var folders = Core.Value.GetTypes().Select(t => FolderOf(Outermost(t).Namespace)).OfType<string>().Distinct();
        var undocumented = folders.Where(f => !table.Any(row => row.StartsWith($"| `{f}/`", StringComparison.Ordinal))).ToList();
        Assert.Empty(undocumented);
    }

    [Fact]
    public void Operations_AreAllInTheDocumentsOperationsTable()
    {
        var table = string.Join('\n', Section("### Operations").Where(l => l.StartsWith('|')));
        var operations = Core.Value.GetTypes()
            .Where(t => t.IsPublic && t.Namespace.StartsWith($"{CoreNamespace}.Operations", StringComparison.Ordinal) && t.Name.EndsWith("Operation", StringComparison.Ordinal))
            .Select(t => t.Name)
            .ToList();
        Assert.NotEmpty(operations);
        var undocumented = operations.Where(o => !table.Contains($"`{o}`", StringComparison.Ordinal)).ToList();
        Assert.Empty(undocumented);
    }

    [Fact]
    public void TypeReferences_SeeAFullyQualifiedNameInAMethodBody()
    {
        // The regex over using lines this test replaced missed exactly this: a name written out in a method body.
        var probe = Core.Value.GetType($"{CoreNamespace}.Operations.Nightly.NightlyOperation");
        var used = TypeReferences.Of(probe).Select(t => t.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains($"{CoreNamespace}.Warming.WarmService", used);
        Assert.Contains("System.Text.Json.JsonSerializer", used);
    }

    [Fact]
    public void CoreMessages_NameNoCommandLineOption()
    {
        // Core states the condition and the setting; the CLI adds its option (ImageWarmerException.Input). The Dockerfile
        // flags the readers quote are the build's own words, not ours.
        var dockerfileFlags = new[] { "--from", "--platform", "--mount" };
        var options = Core.Value.GetTypes()
            .SelectMany(t => t.Methods).Where(m => m.HasBody)
            .SelectMany(m => m.Body.Instructions.Where(i => i.OpCode == Mono.Cecil.Cil.OpCodes.Ldstr).Select(i => (string)i.Operand))
            .SelectMany(text => CommandLineOption().Matches(text).Select(m => m.Value))
            .Where(option => !dockerfileFlags.Contains(option))
            .Distinct()
            .ToList();
        Assert.Empty(options);
    }

    [GeneratedRegex("(?<![\\w-])--[a-z][a-z-]*")]
    private static partial Regex CommandLineOption();

    // "ImageWarmer.Core.Planning.Foo" -> "Planning"; the root namespace and others -> null.
    private static string? FolderOf(string ns) =>
        ns.StartsWith($"{CoreNamespace}.", StringComparison.Ordinal) ? ns[(CoreNamespace.Length + 1)..].Split('.')[0] : null;

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }
        return type;
    }

    // The lines of docs/architecture.md from a heading to the next heading of the same or a higher level.
    private static IEnumerable<string> Section(string heading)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", "architecture.md"));
        var level = heading.TakeWhile(c => c == '#').Count();
        return lines.SkipWhile(l => !l.StartsWith(heading, StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => HeadingLevel().Match(l) is not { Success: true } m || m.Length > level);
    }

    [GeneratedRegex("^#+(?= )")]
    private static partial Regex HeadingLevel();
}
