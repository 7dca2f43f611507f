using System.Net;
using System.Text.Json;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Importing;
using ImageWarmer.Core.Importing.Acr;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Warming;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Tests.Warming;

/// <summary>
/// The tag moves upstream after the plan resolved it and before the import fetched it (the race users of
/// <c>az acr import</c> meet). A warm run imports the digest the plan saw, whichever importer; the next plan reports
/// the drift. The move happens for real: the importer is wrapped to push a new manifest under the tag first.
/// </summary>
public sealed class MovingTagTests
{
    private readonly string _namespace = "m" + Guid.NewGuid().ToString("n")[..10];

    [Fact]
    public async Task WarmAsync_OciCopy_TagMovesBetweenPlanAndImport_TargetGetsThePlannedDigest_NextPlanReportsTheDrift()
    {
        string? moved = null;
        using var services = Services([], (sp, upstream) => new MovingTagImporter(sp.GetRequiredService<OciCopyImporter>(),
            async () => moved = await TestImages.PushAsync(upstream, "docker.io", $"{_namespace}/app", "latest")));
        var client = services.GetRequiredService<RegistryClient>();
        var planned = await TestImages.PushAsync(client, "docker.io", $"{_namespace}/app", "latest");

        var report = await services.GetRequiredService<WarmService>().WarmAsync([Spec()], TestServices.TargetRegistry);

        Assert.Equal((WarmStatus.Imported, planned), (report.Items[0].After, report.Items[0].TargetDigest));
        Assert.NotNull(moved);
        Assert.NotEqual(planned, moved);
        Assert.Equal(planned, await Skopeo.DigestAsync($"{TestServices.TargetRegistry}/{_namespace}/app:latest"));
        Assert.Equal(moved, await Skopeo.DigestAsync($"{TestServices.UpstreamRegistry}/{_namespace}/app:latest"));

        var next = await services.GetRequiredService<WarmPlanner>().PlanAsync([Spec()], TestServices.TargetRegistry);
        Assert.Equal((PlanStatus.Drifted, moved, planned), (next.Items[0].Status, next.Items[0].SourceDigest, next.Items[0].TargetDigest));
    }

    [Fact]
    public async Task WarmAsync_AcrImport_TagMovesBetweenPlanAndImport_ArmIsAskedForThePlannedDigest()
    {
        var arm = new StubHttpMessageHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));
        string? moved = null;
        using var services = Services(FakeArm.Settings(), (sp, upstream) => new MovingTagImporter(
            new AcrImportImporter(sp.GetRequiredService<AcrImportClient>(), sp.GetRequiredService<RegistryClient>(), sp.GetRequiredService<IOptions<RegistryOptions>>()),
            async () => moved = await TestImages.PushAsync(upstream, "docker.io", $"{_namespace}/app", "latest")), arm);
        var planned = await TestImages.PushAsync(services.GetRequiredService<RegistryClient>(), "docker.io", $"{_namespace}/app", "latest");

        var report = await services.GetRequiredService<WarmService>().WarmAsync([Spec()], TestServices.TargetRegistry);

        Assert.Equal((WarmStatus.Imported, planned), (report.Items[0].After, report.Items[0].TargetDigest));
        Assert.NotEqual(planned, moved);
        using var body = JsonDocument.Parse(Assert.Single(arm.Requests).Body!);
        Assert.Equal($"{_namespace}/app@{planned}", body.RootElement.GetProperty("source").GetProperty("sourceImage").GetString());
        Assert.Equal($"{_namespace}/app:latest", body.RootElement.GetProperty("targetTags")[0].GetString());
    }

    private ImportSpec Spec() => TestSpecs.For($"docker.io/{_namespace}/app:latest");

    // The engine with the named importer wrapped; the wrapper gets its own client to push upstream with.
    private static ServiceProvider Services(
        Dictionary<string, string?> settings, Func<IServiceProvider, RegistryClient, MovingTagImporter> wrap, StubHttpMessageHandler? arm = null)
    {
        var all = new Dictionary<string, string?>(RegistryTestHost.UpstreamAsDockerHub());
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        var name = all.GetValueOrDefault("ImageWarmer:Warming:Importer") ?? OciCopyImporter.ImporterName;
        all["ImageWarmer:Warming:Importer"] = "moving-" + name;
        return RegistryTestHost.Build(all, services =>
        {
            if (arm is not null)
            {
                FakeArm.Use(services, arm);
            }
            services.AddSingleton<IImageImporter>(sp => wrap(sp, sp.GetRequiredService<RegistryClient>()));
        });
    }

    // Moves the tag upstream, then imports as the wrapped importer would.
    private sealed class MovingTagImporter(IImageImporter inner, Func<Task> moveTheTag) : IImageImporter
    {
        public string Name => "moving-" + inner.Name;

        public async Task<ImportResult> ImportAsync(ImportRequest request, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            await moveTheTag();
            return await inner.ImportAsync(request, progress, cancellationToken);
        }

        public Task KeepAsync(TagBackup backup, CancellationToken cancellationToken = default) => inner.KeepAsync(backup, cancellationToken);
    }
}
