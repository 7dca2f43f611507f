using System.Collections.Concurrent;
using System.Text.Json;
using ImageWarmer.Testing;
using Json.Schema;

namespace ImageWarmer.Cli.Tests.Contracts;

/// <summary>The JSON schemas of <c>docs/contracts/</c>, read from the repository (never copied into the tests), and
/// validation that says where a document breaks them.</summary>
internal static class ContractSchemas
{
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Loaded = new(StringComparer.Ordinal);

    /// <summary>The folder the schemas live in.</summary>
    public static string Folder => Path.Combine(RepositoryPaths.Root, "docs", "contracts");

    /// <summary>The names of every schema there (<c>plan</c> for <c>plan.schema.json</c>), in order.</summary>
    public static IReadOnlyList<string> Names =>
        [.. Directory.GetFiles(Folder, "*.schema.json").Select(f => Path.GetFileName(f)[..^".schema.json".Length]).Order(StringComparer.Ordinal)];

    /// <summary>The schema <c>docs/contracts/&lt;name&gt;.schema.json</c>, built once per test run (each in a registry of
    /// its own, so that its <c>$id</c> is registered once).</summary>
    public static JsonSchema Load(string name) =>
        Loaded.GetOrAdd(name, n => new Lazy<JsonSchema>(() => JsonSchema.FromFile(Path.Combine(Folder, $"{n}.schema.json"), new BuildOptions()))).Value;

    /// <summary>Where <paramref name="json"/> breaks schema <paramref name="name"/>, one line per failing keyword; empty when it is valid.</summary>
    public static IReadOnlyList<string> Violations(string name, string json)
    {
        using var document = JsonDocument.Parse(json);
        return Violations(Load(name), document.RootElement);
    }

    /// <summary>Where <paramref name="instance"/> breaks <paramref name="schema"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Violations(JsonSchema schema, JsonElement instance)
    {
        var results = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }
        var violations = (results.Details ?? []).Prepend(results)
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .ToList();
        return violations.Count > 0 ? violations : ["invalid, with no error reported"];
    }

    /// <summary>Fails the test, listing every violation, unless <paramref name="json"/> is valid against schema <paramref name="name"/>.</summary>
    public static void AssertValid(string name, string json)
    {
        var violations = Violations(name, json);
        Assert.True(violations.Count == 0, $"output breaks docs/contracts/{name}.schema.json:\n{string.Join('\n', violations)}\n--- output ---\n{json}");
    }
}
