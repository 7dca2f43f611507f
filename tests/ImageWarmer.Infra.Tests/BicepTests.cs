using System.Text.Json;
using ImageWarmer.Testing;

namespace ImageWarmer.Infra.Tests;

public sealed class BicepTests
{
    private static readonly string Infra = Path.Combine(RepositoryPaths.Root, "infra");

    public static TheoryData<string> BicepFiles =>
        [.. Directory.EnumerateFiles(Infra, "*.bicep", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Infra, f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Build_EveryBicepFile_NoErrorsNoWarnings(string file)
    {
        var build = await Bicep.RunAsync("build", Path.Combine(Infra, file), "--stdout");
        var lint = await Bicep.RunAsync("lint", Path.Combine(Infra, file));

        Assert.True(build.ExitCode == 0 && build.Diagnostics.Length == 0, build.Diagnostics);
        Assert.True(lint.ExitCode == 0 && lint.Diagnostics.Length == 0, lint.Diagnostics);
    }

    [Fact]
    public async Task BuildParams_Example_Compiles()
    {
        var build = await Bicep.RunAsync("build-params", Path.Combine(Infra, "main.bicepparam"), "--stdout");
        Assert.True(build.ExitCode == 0 && build.Diagnostics.Length == 0, build.Diagnostics);
    }

    [Fact]
    public async Task Template_RoleAssignments_EachAtItsNarrowScope()
    {
        var template = await CompiledTemplate.LoadAsync(Path.Combine(Infra, "main.bicep"));
        var assignments = template.RoleAssignments().ToList();

        // role GUID -> the scope each assignment must name
        (string Role, string Scope)[] expected =
        [
            ("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "parameters('snapshotContainer')"),   // app: Blob Data Reader on the snapshot
            ("ba92f5b4-2d11-453d-a403-e96b0029c9fe", "parameters('reportsContainer')"),    // app: Blob Data Contributor on reports
            ("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "parameters('hostsContainer')"),      // app: host timer schedules and locks
            ("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "parameters('keyStoreContainer')"),   // app: host key store
            ("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "parameters('deploymentContainer')"), // app: Flex deployment package
            ("974c5e8b-45b9-4653-ba55-5f855dd0fb88", "parameters('queueName')"),           // app: Queue Data Contributor
            ("974c5e8b-45b9-4653-ba55-5f855dd0fb88", "parameters('poisonQueueName')"),
            ("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "tableServices"),                     // app: ledger + host diagnostic events
            ("c6a89b2d-59bc-44d0-9896-0f6e12d7b80a", "parameters('queueName')"),           // pipeline: Queue Data Message Sender
            ("ba92f5b4-2d11-453d-a403-e96b0029c9fe", "parameters('snapshotContainer')"),   // pipeline: pushes snapshots
            ("7f951dda-4ed3-4680-a7ca-43fe172d538d", "Microsoft.ContainerRegistry/registries"), // preflight: AcrPull
            ("577a9874-89fd-4f24-9dbd-b5034d0ad23a", "Microsoft.ContainerRegistry/registries"), // app: Data Importer and Data Reader
            ("8311e382-0749-4cb8-b61a-304f252e45ec", "Microsoft.ContainerRegistry/registries"), // app: AcrPush (oci-copy, or copyReferrers)
            ("c2f4ef07-c644-48eb-af81-4b1b4947fb11", "Microsoft.ContainerRegistry/registries"), // app: AcrDelete, only with retention on
            ("2a1e307c-b015-4ebd-883e-5b7698a07328", "Microsoft.ContainerRegistry/registries"), // ABAC mode: Repository Writer for AcrPush
            ("2efddaa5-3f1f-4df3-97df-af3f13818f4c", "Microsoft.ContainerRegistry/registries"), // ABAC mode: Repository Contributor for AcrDelete
            ("b93aa761-3e63-49ed-ac28-beffa264f7ac", "Microsoft.ContainerRegistry/registries"), // ABAC mode: Repository Reader for AcrPull
            ("4633458b-17de-408a-b874-0445c86b69e6", "Microsoft.KeyVault/vaults"),         // app: Key Vault Secrets User
            ("3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components"),     // app: publishes telemetry
        ];
        foreach (var (role, scope) in expected)
        {
            Assert.Contains(assignments, a => a.Role.Contains(role, StringComparison.Ordinal) && a.Scope.Contains(scope, StringComparison.Ordinal));
        }
        // Every assignment names a resource scope: none falls back to the whole resource group, nor the whole account.
        Assert.DoesNotContain(assignments, a => a.Scope == "(resource group)");
        Assert.DoesNotContain(assignments, a => a.Scope.EndsWith("parameters('accountName'))]", StringComparison.Ordinal));
        Assert.Equal(expected.Length, assignments.Count);
    }

    [Fact]
    public async Task Template_RegistryRoles_BuiltInOnly_PushOnlyWithOciCopyOrReferrers()
    {
        var template = await CompiledTemplate.LoadAsync(Path.Combine(Infra, "main.bicep"));

        Assert.Empty(template.Resources("Microsoft.Authorization/roleDefinitions"));
        var registryAssignments = template.Resources("Microsoft.Authorization/roleAssignments")
            .Where(r => r.GetProperty("scope").GetString()!.Contains("Microsoft.ContainerRegistry/registries", StringComparison.Ordinal))
            .ToDictionary(r => r.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!, r => r);
        var importer = Assert.Single(registryAssignments, a => a.Key.Contains("importerAndReader", StringComparison.Ordinal)).Value;
        Assert.False(importer.TryGetProperty("condition", out _));
        Assert.Equal("ServicePrincipal", importer.GetProperty("properties").GetProperty("principalType").GetString());
        var push = Assert.Single(registryAssignments, a => a.Key.Contains("acrPush", StringComparison.Ordinal)).Value;
        Assert.Equal("[and(not(variables('abac')), parameters('enableOciCopy'))]", push.GetProperty("condition").GetString());
        Assert.Equal("[or(equals(parameters('importer'), 'oci-copy'), parameters('copyReferrers'))]", template.DeploymentParameter("acr-access", "enableOciCopy"));
        var resolved = template.RoleAssignments().Where(a => a.Scope.Contains("Microsoft.ContainerRegistry/registries", StringComparison.Ordinal)).Select(a => a.Role);
        Assert.All(new[] { "577a9874-89fd-4f24-9dbd-b5034d0ad23a", "8311e382-0749-4cb8-b61a-304f252e45ec", "7f951dda-4ed3-4680-a7ca-43fe172d538d" },
            role => Assert.Contains(resolved, r => r.Contains(role, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Template_HostStorage_KeyStoreAndLockContainersCreatedAndOwned_TablesWritable()
    {
        var template = await CompiledTemplate.LoadAsync(Path.Combine(Infra, "main.bicep"));
        var assignments = template.RoleAssignments().ToList();

        foreach (var container in new[] { "hostsContainer", "keyStoreContainer" })
        {
            Assert.Contains(assignments, a => a.Role.Contains("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", StringComparison.Ordinal)
                && a.Scope.Contains($"parameters('{container}')", StringComparison.Ordinal));
        }
        Assert.Contains(assignments, a => a.Role.Contains("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", StringComparison.Ordinal)
            && a.Scope.Contains("tableServices", StringComparison.Ordinal) && !a.Scope.Contains("tables/", StringComparison.Ordinal));
        Assert.Contains("azure-webjobs-secrets", template.Variables("containerNames").EnumerateObject().Select(p => p.Value.GetString()));
    }

    [Fact]
    public async Task Template_Alerts_PoisonNightlyAndRateLimit_ActionGroupOnlyWhenAsked()
    {
        var template = await CompiledTemplate.LoadAsync(Path.Combine(Infra, "main.bicep"));

        var rules = template.Variables("rules").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("query").GetString()!);
        Assert.Equal(["nightly-failed", "nightly-missing", "poisoned", "ratelimit-low"], rules.Keys.Order(StringComparer.Ordinal));
        // The line the host's queue listener writes when it moves a message (captured by the conformance tests).
        Assert.Contains("Moving message to queue", rules["poisoned"], StringComparison.Ordinal);
        Assert.Contains("imagewarmer.requests.poisoned", rules["poisoned"], StringComparison.Ordinal);
        Assert.Contains("ago(26h)", rules["nightly-missing"], StringComparison.Ordinal);
        Assert.Contains("imagewarmer.upstream.ratelimit_remaining", rules["ratelimit-low"], StringComparison.Ordinal);

        var alert = Assert.Single(template.Resources("Microsoft.Insights/scheduledQueryRules"));
        Assert.Equal("[length(variables('rules'))]", alert.GetProperty("copy").GetProperty("count").GetString());
        Assert.Equal("[variables('actionGroups')]", alert.GetProperty("properties").GetProperty("actions").GetProperty("actionGroups").GetString());
        var group = Assert.Single(template.Resources("Microsoft.Insights/actionGroups"));
        Assert.Equal("[and(empty(parameters('actionGroupId')), not(empty(parameters('alertEmail'))))]", group.GetProperty("condition").GetString());
        Assert.Equal("[parameters('alertEmail')]", template.DeploymentParameter("alerts", "alertEmail"));
    }

    [Fact]
    public async Task Template_FunctionApp_FlexConsumptionIdentityBasedStorageAndTheSettingsTheAppReads()
    {
        var template = await CompiledTemplate.LoadAsync(Path.Combine(Infra, "main.bicep"));
        var plan = Assert.Single(template.Resources("Microsoft.Web/serverfarms"));
        Assert.Equal(("FC1", "FlexConsumption"), (plan.GetProperty("sku").GetProperty("name").GetString(), plan.GetProperty("sku").GetProperty("tier").GetString()));
        var site = Assert.Single(template.Resources("Microsoft.Web/sites"));
        var config = site.GetProperty("properties").GetProperty("functionAppConfig");
        Assert.Equal(("dotnet-isolated", "10.0"),
            (config.GetProperty("runtime").GetProperty("name").GetString(), config.GetProperty("runtime").GetProperty("version").GetString()));
        Assert.Equal("UserAssignedIdentity", config.GetProperty("deployment").GetProperty("storage").GetProperty("authentication").GetProperty("type").GetString());
        Assert.Equal("[parameters('maximumInstanceCount')]", config.GetProperty("scaleAndConcurrency").GetProperty("maximumInstanceCount").GetString());

        var hostSettings = template.Variables("hostSettings").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Subset(hostSettings.ToHashSet(),
            new HashSet<string> { "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri",
                "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "AZURE_CLIENT_ID" });
        var appSettings = template.DeploymentParameter("functionapp", "appSettings");
        foreach (var setting in new[] { "WarmSchedule", "WarmQueueName", "ImageWarmer__Planning__TargetRegistry", "ImageWarmer__Warming__Importer",
            "ImageWarmer__Warming__DriftPolicy", "ImageWarmer__AcrImport__RegistryResourceId", "ImageWarmer__Snapshot__Container",
            "ImageWarmer__Storage__LedgerTable" })
        {
            Assert.Contains($"'{setting}'", appSettings, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Template_AllowedRepositories_OneAppSettingPerEntry_EmptyByDefault()
    {
        var template = await CompiledTemplate.LoadAsync(Path.Combine(Infra, "main.bicep"));
        var parameter = template.Root.GetProperty("parameters").GetProperty("allowedRepositories");
        Assert.Equal(("array", 0), (parameter.GetProperty("type").GetString(), parameter.GetProperty("defaultValue").GetArrayLength()));

        // ImageWarmer__Warming__AllowedRepositories__0, __1, …: how app settings bind to a list.
        var settings = template.Variables("repositorySettings").GetString()!;
        Assert.Contains("format('ImageWarmer__Warming__AllowedRepositories__{0}', lambdaVariables('i'))", settings, StringComparison.Ordinal);
        Assert.Contains("parameters('allowedRepositories')[lambdaVariables('i')]", settings, StringComparison.Ordinal);
        Assert.Contains("variables('repositorySettings')", template.DeploymentParameter("functionapp", "appSettings"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_RetentionAndReferrers_DeleteAndPushGrantedOnlyWhenAskedFor()
    {
        var template = await CompiledTemplate.LoadAsync(Path.Combine(Infra, "main.bicep"));
        var retention = template.Root.GetProperty("parameters").GetProperty("retentionDays");
        Assert.Equal(0, retention.GetProperty("defaultValue").GetInt32());
        Assert.False(template.Root.GetProperty("parameters").GetProperty("copyReferrers").GetProperty("defaultValue").GetBoolean());

        // AcrDelete (Repository Contributor in ABAC mode) exists only under the module's enableDelete, which only
        // retention turns on (RegistryRoleTests evaluates both modes).
        var deletes = Assert.Single(template.Resources("Microsoft.Authorization/roleAssignments"),
            a => a.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!.Contains("acrDelete", StringComparison.Ordinal));
        Assert.Equal("[and(not(variables('abac')), parameters('enableDelete'))]", deletes.GetProperty("condition").GetString());
        Assert.Equal("[greater(parameters('retentionDays'), 0)]", template.DeploymentParameter("acr-access", "enableDelete"));
        Assert.Equal("[or(equals(parameters('importer'), 'oci-copy'), parameters('copyReferrers'))]", template.DeploymentParameter("acr-access", "enableOciCopy"));
        Assert.Contains("ImageWarmer__Retention__After", template.Variables("retentionSettings").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("[if(greater(parameters('retentionDays'), 0)", template.Variables("retentionSettings").GetString(), StringComparison.Ordinal);
        var appSettings = template.DeploymentParameter("functionapp", "appSettings");
        Assert.Contains("variables('retentionSettings')", appSettings, StringComparison.Ordinal);
        Assert.Contains("'ImageWarmer__Warming__CopyReferrers', string(or(equals(parameters('importer'), 'oci-copy'), parameters('copyReferrers')))", appSettings, StringComparison.Ordinal);
        Assert.Contains("'ImageWarmer__Warming__RefreshReferrers'", appSettings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_StorageAndInsights_NoKeysAnywhere()
    {
        var template = await CompiledTemplate.LoadAsync(Path.Combine(Infra, "main.bicep"));
        var storage = Assert.Single(template.Resources("Microsoft.Storage/storageAccounts")).GetProperty("properties");
        Assert.False(storage.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.Equal("TLS1_2", storage.GetProperty("minimumTlsVersion").GetString());
        Assert.False(storage.GetProperty("allowBlobPublicAccess").GetBoolean());
        var insights = Assert.Single(template.Resources("Microsoft.Insights/components")).GetProperty("properties");
        Assert.True(insights.GetProperty("DisableLocalAuth").GetBoolean());
        Assert.Equal(["manifests", "warm-reports", "app-package", "azure-webjobs-hosts", "azure-webjobs-secrets"],
            template.Variables("containerNames").EnumerateObject().Select(p => p.Value.GetString()));
        Assert.True(JsonSerializer.Serialize(template.Root).Contains("warmstatus", StringComparison.Ordinal));
    }
}
