using System.Text.Json;
using Json.Schema;

namespace ImageWarmer.Cli.Tests.Contracts;

/// <summary>The schemas themselves: valid draft 2020-12, named, and really checking (a broken document is refused
/// where it breaks, while the same document unbroken passes).</summary>
public sealed class ContractSchemaTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private const string PlanItem = $$"""
        {"source":"docker.io/library/nginx:1.27","target":"library/nginx:1.27","status":"{{Status}}","sourceDigest":null,"targetDigest":"{{Digest}}","error":null,"referrers":2}
        """;

    private const string DriftedItem = $$"""
        {"source":"docker.io/library/nginx:1.27","target":"library/nginx:1.27","status":"drifted","sourceDigest":null,"targetDigest":"{{Digest}}","error":null,"referrers":null,"origins":[{"path":"Dockerfile","line":1,"kind":"dockerfile"}],"pin":"docker.io/library/nginx:1.27@{{Digest}}"}
        """;

    private const string PinFile = """{"path":"Dockerfile","pins":1,"diff":"--- a/Dockerfile\n+++ b/Dockerfile\n"}""";

    private const string PruneItem = $$"""
        {"target":"library/nginx:1.27","digest":"{{Digest}}","action":"would-delete","reason":"last declared 40d ago","lastSeen":"2026-10-20T02:00:00+00:00"}
        """;

    private const string PruneSummary = """{"kept":0,"wouldDelete":1,"deleted":0,"gone":0,"failed":0}""";

    private const string Status = "present";

    private const string Upstream = """{"docker.io":{"requests":1,"pulls":0,"rateLimitRemaining":null}}""";

    private const string PlanSummary = """{"images":1,"present":1,"missing":0,"drifted":0,"sourceMissing":0,"failed":0}""";

    private const string WarmItem = $$"""
        {"source":"docker.io/library/nginx:1.27","target":"library/nginx:1.27","status":"imported","before":"missing","sourceDigest":"{{Digest}}","targetDigest":"{{Digest}}","bytes":10,"durationMs":3,"error":null,"referrers":1,"referrersCopied":1,"backup":"1.27-prev-20261129"}
        """;

    private const string WarmSummary = """{"images":1,"bytes":10,"present":0,"imported":1,"drifted":0,"sourceMissing":0,"failed":0,"deferred":0}""";

    private const string EnsureItem = $$"""
        {"source":"docker.io/library/nginx:1.27","target":"library/nginx:1.27","status":"present","targetDigest":"{{Digest}}","expectedDigest":"{{Digest}}","expectedFrom":"source","detail":null}
        """;

    private const string EnsureSummary = """{"images":1,"present":1,"missing":0,"differs":0,"unlocked":0,"unverified":0}""";

    private const string LockImages = $$$"""{"docker.io/library/nginx:1.27":{"target":"library/nginx:1.27","digest":"{{{Digest}}}"}}""";

    private const string StatusRow = $$"""
        {"target":"library/nginx:1.27","source":"docker.io/library/nginx:1.27","lastChecked":"2026-11-29T02:00:00+00:00","sourceDigest":null,"targetDigest":"{{Digest}}","lastResult":"imported","error":null,"attempts":1,"requestedBy":"nightly","origins":"Dockerfile:1","importedSource":null,"importedDigest":null,"importedBy":null,"importedAt":null,"note":null,"lastDeclared":null,"backupOf":null,"lastBackup":null}
        """;

    public static TheoryData<string> SchemaNames => new(ContractSchemas.Names);

    /// <summary>A valid document, the same document with one defect, and the instance location the defect is at.</summary>
    public static TheoryData<string, string, string, string> BrokenDocuments => new()
    {
        { "warm-request", """{"version":1,"source":"nginx:1.27"}""", """{"version":2,"source":"nginx:1.27"}""", "/version" },
        { "warm-request", """{"version":1,"source":"nginx:1.27","deferrals":3}""", """{"version":1,"source":"nginx:1.27","deferrals":"3"}""", "/deferrals" },
        { "warm-request", """{"version":1,"source":"nginx:1.27","target":"mirror/nginx"}""", """{"version":1,"source":"nginx:1.27","target":"Mirror/nginx"}""", "/target" },
        { "scan", """{"images":[],"skipped":[],"problems":[{"path":"Dockerfile","line":null,"message":"binary"}]}""",
            """{"images":[],"skipped":[],"problems":[{"path":"Dockerfile","line":0,"message":"binary"}]}""", "/problems/0/line" },
        { "scan", """{"images":[{"source":"docker.io/library/nginx:1.27","target":"library/nginx:1.27","origins":[{"path":"Dockerfile","line":1,"kind":"dockerfile"}]}],"skipped":[],"problems":[]}""",
            """{"images":[{"source":"nginx:1.27","target":"library/nginx:1.27","origins":[{"path":"Dockerfile","line":1,"kind":"dockerfile"}]}],"skipped":[],"problems":[]}""", "/images/0/source" },
        { "plan", $$"""{"items":[{{PlanItem}}],"summary":{{PlanSummary}},"upstream":{{Upstream}},"problems":[]}""",
            $$"""{"items":[{{PlanItem.Replace(Status, "gone", StringComparison.Ordinal)}}],"summary":{{PlanSummary}},"upstream":{{Upstream}},"problems":[]}""", "/items/0/status" },
        { "plan", $$"""{"items":[{{PlanItem}}],"summary":{{PlanSummary}},"upstream":{{Upstream}},"problems":[]}""",
            $$"""{"items":[{{PlanItem}}],"summary":{{PlanSummary}},"upstream":{{Upstream}},"problems":[],"cost":1}""", "/cost" },
        { "plan", $$"""{"items":[{{DriftedItem}}],"summary":{{PlanSummary}},"upstream":{{Upstream}},"problems":[]}""",
            $$"""{"items":[{{DriftedItem.Replace("nginx:1.27@", "nginx@", StringComparison.Ordinal)}}],"summary":{{PlanSummary}},"upstream":{{Upstream}},"problems":[]}""", "/items/0/pin" },
        { "plan", $$"""{"items":[{{PlanItem}}],"summary":{{PlanSummary}},"upstream":{{Upstream}},"problems":[]}""",
            $$"""{"items":[{{PlanItem.Replace("\"referrers\":2", "\"referrers\":-1", StringComparison.Ordinal)}}],"summary":{{PlanSummary}},"upstream":{{Upstream}},"problems":[]}""", "/items/0/referrers" },
        { "warm", $$"""{"items":[{{WarmItem}}],"summary":{{WarmSummary}},"upstream":{{Upstream}},"problems":[]}""",
            $$"""{"items":[{{WarmItem.Replace("1.27-prev-20261129", "1.27/prev", StringComparison.Ordinal)}}],"summary":{{WarmSummary}},"upstream":{{Upstream}},"problems":[]}""", "/items/0/backup" },
        { "pin", $$"""{"registry":"myacr.azurecr.io","lock":null,"written":false,"files":[{{PinFile}}],"unchanged":0,"notTouched":[],"problems":[]}""",
            $$"""{"registry":"myacr.azurecr.io","lock":null,"written":false,"files":[{{PinFile.Replace("\"pins\":1", "\"pins\":0", StringComparison.Ordinal)}}],"unchanged":0,"notTouched":[],"problems":[]}""", "/files/0/pins" },
        { "prune", $$"""{"registry":"myacr.azurecr.io","applied":false,"olderThanDays":30,"items":[{{PruneItem}}],"summary":{{PruneSummary}}}""",
            $$"""{"registry":"myacr.azurecr.io","applied":false,"olderThanDays":30,"items":[{{PruneItem.Replace("would-delete", "maybe", StringComparison.Ordinal)}}],"summary":{{PruneSummary}}}""", "/items/0/action" },
        { "warm", $$"""{"items":[{{WarmItem}}],"summary":{{WarmSummary}},"upstream":{{Upstream}},"problems":[]}""",
            $$"""{"items":[{{WarmItem.Replace(Digest[..^1], "sha256:ABC", StringComparison.Ordinal)}}],"summary":{{WarmSummary}},"upstream":{{Upstream}},"problems":[]}""", "/items/0/sourceDigest" },
        { "warm", $$"""{"items":[{{WarmItem}}],"summary":{{WarmSummary}},"upstream":{{Upstream}},"problems":[]}""",
            $$"""{"items":[{{WarmItem}}],"summary":{{WarmSummary.Replace("\"deferred\":0", "\"deferred\":-1", StringComparison.Ordinal)}},"upstream":{{Upstream}},"problems":[]}""", "/summary/deferred" },
        { "ensure", $$"""{"items":[{{EnsureItem}}],"summary":{{EnsureSummary}},"problems":[]}""",
            $$"""{"items":[{{EnsureItem.Replace("present", "warm", StringComparison.Ordinal)}}],"summary":{{EnsureSummary}},"problems":[]}""", "/items/0/status" },
        { "ensure", $$"""{"items":[{{EnsureItem}}],"summary":{{EnsureSummary}},"problems":[]}""",
            $$"""{"items":[{{EnsureItem.Replace("\"source\",\"detail", "\"upstream\",\"detail", StringComparison.Ordinal)}}],"summary":{{EnsureSummary}},"problems":[]}""", "/items/0/expectedFrom" },
        { "lock-output", $$"""{"path":null,"registry":"myacr.azurecr.io","images":0,"missing":["docker.io/library/nginx:1.27"],"problems":[]}""",
            $$"""{"path":null,"registry":"myacr.azurecr.io","images":0,"missing":["nginx:1.27"],"problems":[]}""", "/missing/0" },
        { "status", $$"""[{{StatusRow}}]""", $$"""[{{StatusRow.Replace("\"attempts\":1", "\"attempts\":-1", StringComparison.Ordinal)}}]""", "/0/attempts" },
        { "status", $$"""[{{StatusRow}}]""", $$"""[{{StatusRow.Replace("\"note\":null", "\"note\":null,\"extra\":1", StringComparison.Ordinal)}}]""", "/0/extra" },
        { "lock", $$"""{"version":1,"registry":"myacr.azurecr.io","images":{{LockImages}}}""",
            $$"""{"version":1,"registry":"myacr.azurecr.io","images":{{LockImages.Replace("docker.io/library/nginx:1.27", "nginx:1.27", StringComparison.Ordinal)}}}""", "/images/nginx:1.27" },
    };

    [Theory]
    [MemberData(nameof(SchemaNames))]
    public void Schema_IsDraft202012_WithItsIdAndADescription(string name)
    {
        var text = File.ReadAllText(Path.Combine(ContractSchemas.Folder, $"{name}.schema.json"));
        using var document = JsonDocument.Parse(text);

        Assert.Empty(ContractSchemas.Violations(MetaSchemas.Draft202012, document.RootElement));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", document.RootElement.GetProperty("$schema").GetString());
        Assert.Equal($"urn:imagewarmer:contracts:{name}", document.RootElement.GetProperty("$id").GetString());
        Assert.False(string.IsNullOrWhiteSpace(document.RootElement.GetProperty("description").GetString()));
        Assert.NotNull(ContractSchemas.Load(name));
    }

    [Fact]
    public void Schemas_AreTheElevenContracts()
    {
        Assert.Equal(["ensure", "lock", "lock-output", "mirror", "pin", "plan", "prune", "scan", "status", "warm", "warm-request"], ContractSchemas.Names);
    }

    [Theory]
    [MemberData(nameof(BrokenDocuments))]
    public void Schema_BrokenDocument_RefusedWhereItBreaks(string name, string valid, string broken, string location)
    {
        Assert.Empty(ContractSchemas.Violations(name, valid));

        var violations = ContractSchemas.Violations(name, broken);

        Assert.Contains(violations, v => v.StartsWith(location + " ", StringComparison.Ordinal));
    }
}
