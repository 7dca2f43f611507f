using System.Text.Json;

namespace ImageWarmer.Infra.Tests;

/// <summary>An ARM template compiled from Bicep, with its modules' nested templates walked as one.</summary>
internal sealed class CompiledTemplate(JsonElement root)
{
    public JsonElement Root { get; } = root;

    private static readonly Dictionary<string, Task<CompiledTemplate>> Compiled = [];

    /// <summary>The template of <paramref name="bicepFile"/>, compiled once per test run (the CLI takes seconds).</summary>
    public static Task<CompiledTemplate> LoadAsync(string bicepFile)
    {
        lock (Compiled)
        {
            return Compiled.TryGetValue(bicepFile, out var compiled) ? compiled : Compiled[bicepFile] = CompileAsync(bicepFile);
        }
    }

    private static async Task<CompiledTemplate> CompileAsync(string bicepFile)
    {
        var (exitCode, output, diagnostics) = await Bicep.RunAsync("build", bicepFile, "--stdout");
        Assert.True(exitCode == 0, diagnostics);
        return new CompiledTemplate(JsonDocument.Parse(output).RootElement.Clone());
    }

    /// <summary>Every resource of <paramref name="type"/>, in the template and every nested one.</summary>
    public IEnumerable<JsonElement> Resources(string type) => Templates().SelectMany(ResourcesOf).Where(r => r.GetProperty("type").GetString() == type);

    /// <summary>Every role assignment as (role definition with variables resolved, scope expression).</summary>
    public IEnumerable<(string Role, string Scope)> RoleAssignments() =>
        from template in Templates()
        from resource in ResourcesOf(template)
        where resource.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments"
        select (Resolve(template, resource.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!),
                resource.TryGetProperty("scope", out var scope) ? scope.GetString()! : "(resource group)");

    /// <summary>A variable of whichever (nested) template defines it.</summary>
    public JsonElement Variables(string name) =>
        Templates().Where(t => t.TryGetProperty("variables", out var v) && v.TryGetProperty(name, out _)).Select(t => t.GetProperty("variables").GetProperty(name)).Single();

    /// <summary>The value expression a module deployment passes for <paramref name="parameter"/>.</summary>
    public string DeploymentParameter(string deployment, string parameter) =>
        Resources("Microsoft.Resources/deployments").Single(d => d.GetProperty("name").GetString() == deployment)
            .GetProperty("properties").GetProperty("parameters").GetProperty(parameter).GetProperty("value").ToString();

    /// <summary>The nested template a module deployment runs.</summary>
    public JsonElement Module(string deployment) =>
        Resources("Microsoft.Resources/deployments").Single(d => d.GetProperty("name").GetString() == deployment).GetProperty("properties").GetProperty("template");

    /// <summary>The resources of one template (not its modules').</summary>
    public static IEnumerable<JsonElement> ResourcesIn(JsonElement template) => ResourcesOf(template);

    private IEnumerable<JsonElement> Templates()
    {
        var pending = new Stack<JsonElement>([Root]);
        while (pending.Count > 0)
        {
            var template = pending.Pop();
            yield return template;
            foreach (var nested in ResourcesOf(template).Where(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments"))
            {
                pending.Push(nested.GetProperty("properties").GetProperty("template"));
            }
        }
    }

    // variables('roles').blobDataReader and variables('acrPull') become the GUIDs they hold.
    private static string Resolve(JsonElement template, string expression) =>
        System.Text.RegularExpressions.Regex.Replace(expression, @"variables\('(\w+)'\)(?:\.(\w+))?", match =>
        {
            var value = template.GetProperty("variables").GetProperty(match.Groups[1].Value);
            return match.Groups[2].Success ? value.GetProperty(match.Groups[2].Value).GetString()! : value.GetString()!;
        });

    private static IEnumerable<JsonElement> ResourcesOf(JsonElement template) =>
        template.GetProperty("resources") is { ValueKind: JsonValueKind.Object } symbolic
            ? symbolic.EnumerateObject().Select(p => p.Value)
            : template.GetProperty("resources").EnumerateArray();
}
