namespace ImageWarmer.Infra.Tests;

/// <summary>
/// Which roles acr-access.bicep grants on the registry, evaluated for each role assignment permissions mode: an
/// ABAC-mode registry ("RBAC Registry + ABAC Repository Permissions") does not honour AcrPull, AcrPush or AcrDelete,
/// so there the repository roles stand in. Ids from Microsoft's built-in roles list (Containers).
/// </summary>
public sealed class RegistryRoleTests
{
    private const string Importer = "577a9874-89fd-4f24-9dbd-b5034d0ad23a"; // Container Registry Data Importer and Data Reader
    private const string AcrPull = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
    private const string AcrPush = "8311e382-0749-4cb8-b61a-304f252e45ec";
    private const string AcrDelete = "c2f4ef07-c644-48eb-af81-4b1b4947fb11";
    private const string RepositoryReader = "b93aa761-3e63-49ed-ac28-beffa264f7ac";
    private const string RepositoryWriter = "2a1e307c-b015-4ebd-883e-5b7698a07328";
    private const string RepositoryContributor = "2efddaa5-3f1f-4df3-97df-af3f13818f4c";
    private const string App = "app-principal";
    private const string Preflight = "preflight-principal";

    private static readonly string MainBicep = Path.Combine(ImageWarmer.Testing.RepositoryPaths.Root, "infra", "main.bicep");

    public static TheoryData<string, bool, bool, string[], string[]> Grants => new()
    {
        // mode, oci-copy (push), retention (delete), the app's roles, the preflight identity's roles
        { "LegacyRegistryPermissions", false, false, [Importer], [AcrPull] },
        { "LegacyRegistryPermissions", true, false, [Importer, AcrPush], [AcrPull] },
        { "LegacyRegistryPermissions", false, true, [Importer, AcrDelete], [AcrPull] },
        { "LegacyRegistryPermissions", true, true, [Importer, AcrPush, AcrDelete], [AcrPull] },
        { "AbacRepositoryPermissions", false, false, [Importer], [RepositoryReader] },
        { "AbacRepositoryPermissions", true, false, [Importer, RepositoryWriter], [RepositoryReader] },
        { "AbacRepositoryPermissions", false, true, [Importer, RepositoryContributor], [RepositoryReader] },
        { "AbacRepositoryPermissions", true, true, [Importer, RepositoryContributor], [RepositoryReader] },
    };

    [Theory]
    [MemberData(nameof(Grants))]
    public async Task AcrAccess_ByRoleAssignmentMode_GrantsRolesTheModeHonours(string mode, bool ociCopy, bool retention, string[] appRoles, string[] preflightRoles)
    {
        var template = await CompiledTemplate.LoadAsync(MainBicep);
        var granted = GrantedRoles(template, mode, ociCopy, retention, Preflight);

        Assert.Equal(appRoles.Order(StringComparer.Ordinal), granted.Where(g => g.Principal == App).Select(g => g.Role).Order(StringComparer.Ordinal));
        Assert.Equal(preflightRoles, granted.Where(g => g.Principal == Preflight).Select(g => g.Role));
        // Nothing the other mode would ignore: ABAC mode never gets AcrPull/AcrPush/AcrDelete, legacy never the repository roles.
        var ignored = mode == "AbacRepositoryPermissions" ? new[] { AcrPull, AcrPush, AcrDelete } : [RepositoryReader, RepositoryWriter, RepositoryContributor];
        Assert.DoesNotContain(granted, g => ignored.Contains(g.Role));
    }

    [Fact]
    public async Task AcrAccess_NoPreflightIdentity_NoPreflightGrantInEitherMode()
    {
        var template = await CompiledTemplate.LoadAsync(MainBicep);
        foreach (var mode in new[] { "LegacyRegistryPermissions", "AbacRepositoryPermissions" })
        {
            Assert.All(GrantedRoles(template, mode, ociCopy: true, retention: true, preflight: ""), g => Assert.Equal(App, g.Principal));
        }
    }

    [Fact]
    public async Task Main_RoleAssignmentMode_ReadFromTheExistingRegistry_LegacyWhenAbsent()
    {
        var template = await CompiledTemplate.LoadAsync(MainBicep);

        // The mode reaches acr-access as the registry-mode module's output, which reads the registry itself.
        Assert.Contains("'registry-mode'", template.DeploymentParameter("acr-access", "roleAssignmentMode"), StringComparison.Ordinal);
        Assert.Contains("roleAssignmentMode", template.DeploymentParameter("acr-access", "roleAssignmentMode"), StringComparison.Ordinal);
        var output = template.Module("registry-mode").GetProperty("outputs").GetProperty("roleAssignmentMode").GetProperty("value").GetString()!;
        Assert.StartsWith("[coalesce(tryGet(reference(", output, StringComparison.Ordinal);
        Assert.EndsWith("'2025-11-01'), 'roleAssignmentMode'), 'LegacyRegistryPermissions')]", output, StringComparison.Ordinal);
    }

    // Every role assignment acr-access.bicep would make, as (principal, role id), for these parameter values.
    private static List<(string Principal, string Role)> GrantedRoles(CompiledTemplate template, string mode, bool ociCopy, bool retention, string preflight)
    {
        var module = template.Module("acr-access");
        var arm = new ArmExpression(module, new Dictionary<string, object?>
        {
            ["registryName"] = "myacr",
            ["roleAssignmentMode"] = mode,
            ["appPrincipalId"] = App,
            ["preflightPrincipalId"] = preflight,
            ["enableOciCopy"] = ociCopy,
            ["enableDelete"] = retention,
        });
        return [.. CompiledTemplate.ResourcesIn(module)
            .Where(r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments" && arm.Deploys(r))
            .Select(r => ((string)arm.Evaluate(r.GetProperty("properties").GetProperty("principalId"))!,
                ((string)arm.Evaluate(r.GetProperty("properties").GetProperty("roleDefinitionId"))!).Split('/')[^1]))];
    }
}
