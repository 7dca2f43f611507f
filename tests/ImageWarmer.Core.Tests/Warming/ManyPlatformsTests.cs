using System.Net;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Importing.Acr;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Warming;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Core.Tests.Warming;

/// <summary>
/// An index over ACR import's 50-manifest limit, in a real warm run: the plan's HEAD sees the index's media type and
/// hands it on to the import, so the ACR importer counts the manifests before it asks ARM (and the image fails with the
/// reason, or goes to the OCI copy when allowed: AcrImportImporterTests). ARM is never asked for an import it would refuse.
/// </summary>
public sealed class ManyPlatformsTests
{
    private readonly string _namespace = "p" + Guid.NewGuid().ToString("n")[..10];

    [Fact]
    public async Task WarmAsync_AcrImport_IndexOverTheManifestLimit_FailsWithTheReason_ArmNeverAsked()
    {
        var arm = new StubHttpMessageHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));
        var settings = new Dictionary<string, string?>(RegistryTestHost.UpstreamAsDockerHub());
        foreach (var (key, value) in FakeArm.Settings())
        {
            settings[key] = value;
        }
        using var services = RegistryTestHost.Build(settings, s => FakeArm.Use(s, arm));
        var client = services.GetRequiredService<RegistryClient>();
        var index = await TestImages.PushIndexAsync(client, "docker.io", $"{_namespace}/many", "1.0.0",
            Enumerable.Range(0, AcrImportImporter.ManifestLimit).Select(i => $"arch{i}"));

        var report = await services.GetRequiredService<WarmService>().WarmAsync(
            [TestSpecs.For($"docker.io/{_namespace}/many:1.0.0")], TestServices.TargetRegistry);

        var item = Assert.Single(report.Items);
        Assert.Empty(arm.Requests);
        Assert.Equal((WarmStatus.Failed, index), (item.After, item.SourceDigest));
        Assert.Contains($"has {AcrImportImporter.ManifestLimit + 1} manifests, over ACR import's limit of {AcrImportImporter.ManifestLimit}", item.Error, StringComparison.Ordinal);
    }
}
