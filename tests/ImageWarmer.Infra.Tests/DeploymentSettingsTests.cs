using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ImageWarmer.Testing;

namespace ImageWarmer.Infra.Tests;

/// <summary>What the compiled template deploys, evaluated for given parameters, next to the host.json it ships
/// with: names valid whatever the prefix's case, the import bounded inside the function's time, a valid scale
/// configuration, a vault whose name can be reused, and the warning when Docker Hub is anonymous.</summary>
public sealed partial class DeploymentSettingsTests
{
    private static readonly string MainBicep = Path.Combine(RepositoryPaths.Root, "infra", "main.bicep");

    // Time the function needs beside the import itself: the plan's HEADs, a registry retry, a fallback OCI copy.
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task ImportTimeout_EndsBeforeHostJsonFunctionTimeout_WithMargin()
    {
        var template = await CompiledTemplate.LoadAsync(MainBicep);
        using var hostJson = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "host.json")));

        var functionTimeout = TimeSpan.Parse(hostJson.RootElement.GetProperty("functionTimeout").GetString()!, CultureInfo.InvariantCulture);
        var importTimeout = TimeSpan.Parse(template.Variables("importTimeout").GetString()!, CultureInfo.InvariantCulture);

        Assert.True(importTimeout + Margin <= functionTimeout,
            $"ImageWarmer:AcrImport:Timeout {importTimeout} + {Margin} margin must end before host.json functionTimeout {functionTimeout}");
        // The app runs with exactly that timeout: the template sets it rather than leaving it to the code's default.
        Assert.Contains("'ImageWarmer__AcrImport__Timeout', variables('importTimeout')", template.DeploymentParameter("functionapp", "appSettings"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("warmer")]
    [InlineData("Warmer")]
    [InlineData("WARMER-DEV")]
    [InlineData("Team42")]
    public async Task NamePrefix_AnyCase_EveryNameValid(string namePrefix)
    {
        var template = await CompiledTemplate.LoadAsync(MainBicep);
        var arm = new ArmExpression(template.Root, new Dictionary<string, object?> { ["namePrefix"] = namePrefix });
        string Name(string module) => (string)arm.Evaluate(template.DeploymentParameter(module, "name"))!;

        Assert.Matches(StorageAccountName(), Name("storage"));
        Assert.Matches(KeyVaultName(), Name("keyvault"));
        Assert.Equal(Name("functionapp").ToLowerInvariant(), Name("functionapp"));
        Assert.StartsWith(namePrefix.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal), Name("storage"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyVault_ShortRetention_PurgeProtectionOnlyWhenAsked()
    {
        var template = await CompiledTemplate.LoadAsync(MainBicep);
        var vault = Assert.Single(template.Resources("Microsoft.KeyVault/vaults")).GetProperty("properties");

        Assert.Equal(7, vault.GetProperty("softDeleteRetentionInDays").GetInt32());
        var module = template.Module("keyvault");
        object? Protection(bool asked) => new ArmExpression(module, new Dictionary<string, object?> { ["purgeProtection"] = asked })
            .Evaluate(vault.GetProperty("enablePurgeProtection"));
        Assert.Equal(true, Protection(asked: true));
        Assert.Null(Protection(asked: false)); // omitted: ARM refuses an explicit false
        Assert.False(template.Root.GetProperty("parameters").GetProperty("keyVaultPurgeProtection").GetProperty("defaultValue").GetBoolean());
        Assert.Equal("[parameters('keyVaultPurgeProtection')]", template.DeploymentParameter("keyvault", "purgeProtection"));
    }

    [Fact]
    public async Task FlexScale_MaximumInstanceCountInTheSamplesRange_ConcurrencyAsTheHostComputesIt()
    {
        var template = await CompiledTemplate.LoadAsync(MainBicep);
        var count = template.Root.GetProperty("parameters").GetProperty("maximumInstanceCount");
        // Microsoft's Flex Consumption samples declare 40..1000 (default 100); the plan's docs gave 40 as the lowest maximum.
        Assert.Equal((40, 1000, 100), (count.GetProperty("minValue").GetInt32(), count.GetProperty("maxValue").GetInt32(), count.GetProperty("defaultValue").GetInt32()));

        using var hostJson = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "host.json")));
        var queues = hostJson.RootElement.GetProperty("extensions").GetProperty("queues");
        var perInstance = queues.GetProperty("batchSize").GetInt32() + queues.GetProperty("newBatchThreshold").GetInt32();
        var docs = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "docs", "azure.md"));
        Assert.Contains($"{perInstance} messages at once per instance", docs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DockerHubWarning_OutputOnlyWhenAnonymous_NamesTheSecrets()
    {
        var template = await CompiledTemplate.LoadAsync(MainBicep);
        var warning = template.Root.GetProperty("outputs").GetProperty("dockerHubWarning").GetProperty("value").GetString()!;

        Assert.StartsWith("[if(empty(parameters('dockerHubUsername')), format('No Docker Hub credentials", warning, StringComparison.Ordinal);
        Assert.EndsWith(", '')]", warning, StringComparison.Ordinal);
        Assert.Contains("toomanyrequests", warning, StringComparison.Ordinal);
        Assert.Contains("dockerhub-username and dockerhub-token", warning, StringComparison.Ordinal);
        var vaultName = template.Root.GetProperty("outputs").GetProperty("keyVaultName").GetProperty("value").GetString()!;
        Assert.Contains("'keyvault')", vaultName, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.name.value]", vaultName, StringComparison.Ordinal);
    }

    // Storage accounts: 3-24 lowercase letters and digits. Key Vault: 3-24 letters, digits and hyphens, a letter first.
    [GeneratedRegex("^[a-z0-9]{3,24}$")]
    private static partial Regex StorageAccountName();

    [GeneratedRegex("^[a-z][a-z0-9-]{1,22}[a-z0-9]$")]
    private static partial Regex KeyVaultName();
}
