using System.Net;
using System.Security.Cryptography;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Warming;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Core.Tests.Warming;

/// <summary>Warm runs with the OCI copy importer between the two real registries of scripts/test.sh; digests are
/// checked with skopeo, and what moved is read from the target registry's access log.</summary>
public sealed class WarmServiceTests : IDisposable
{
    private readonly string _namespace = "w" + Guid.NewGuid().ToString("n")[..10];
    // The ledger a replacement needs as proof: every run here records in it, as the operations do.
    private readonly string _ledgerTable = "warm" + Guid.NewGuid().ToString("n")[..12];
    private readonly ServiceProvider _services;
    private readonly RegistryClient _client;
    private readonly string _target = TestServices.TargetRegistry;

    public WarmServiceTests()
    {
        _services = Services(Core.Warming.DriftPolicy.Report);
        _client = _services.GetRequiredService<RegistryClient>();
    }

    [Fact]
    public async Task WarmAsync_SingleAndMultiArch_ImportedWithDigestsPreserved_SecondRunImportsNothing()
    {
        var single = await Upstream("single", "1.0.0");
        var index = await TestImages.PushIndexAsync(_client, "docker.io", $"{_namespace}/multi", "stable");

        var first = await Warm(Spec("single:1.0.0"), Spec("multi:stable"));

        Assert.Equal([WarmStatus.Imported, WarmStatus.Imported], first.Items.Select(i => i.After));
        Assert.Equal(single, await Skopeo.DigestAsync($"{_target}/{_namespace}/single:1.0.0"));
        Assert.Equal(index, await Skopeo.DigestAsync($"{_target}/{_namespace}/multi:stable"));
        Assert.Equal([single, index], first.Items.Select(i => i.TargetDigest));

        var second = await Warm(Spec("single:1.0.0"), Spec("multi:stable"));

        Assert.All(second.Items, i => Assert.Equal(WarmStatus.Present, i.After));
        Assert.Equal(0, second.Traffic["docker.io"].Pulls);
        Assert.Equal(1, second.Traffic["docker.io"].Requests); // the floating tag's HEAD; the version tag costs nothing
    }

    [Fact]
    public async Task WarmAsync_SharedAndPartlyPresentLayers_SkippedOrMountedNeverSentTwice()
    {
        var shared = RandomNumberGenerator.GetBytes(64 * 1024);
        var own = RandomNumberGenerator.GetBytes(32 * 1024);
        await TestImages.PushAsync(_client, "docker.io", $"{_namespace}/a", "1.0.0", shared, own);
        await TestImages.PushAsync(_client, "docker.io", $"{_namespace}/b", "1.0.0", shared, RandomNumberGenerator.GetBytes(1024));
        // The target already has one of a's layers.
        await _client.UploadBlobAsync(new RepositoryRef(_target, $"{_namespace}/a"), Digests.Sha256(own), own);
        var mark = TargetLog().Count;

        var a = (await Warm(Spec("a:1.0.0"))).Items[0];
        var b = (await Warm(Spec("b:1.0.0"))).Items[0];

        Assert.Equal((WarmStatus.Imported, WarmStatus.Imported), (a.After, b.After));
        var log = TargetLog().Skip(mark).ToList();
        var sent = log.Where(l => l.StartsWith("PUT", StringComparison.Ordinal) && l.Contains("/blobs/uploads/", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(sent, l => l.Contains(Digests.Sha256(own)[7..], StringComparison.Ordinal));
        Assert.Single(sent, l => l.Contains(Digests.Sha256(shared)[7..], StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith($"POST /v2/{_namespace}/b/blobs/uploads/?mount={Uri.EscapeDataString(Digests.Sha256(shared))}", StringComparison.Ordinal)
            && l.EndsWith(" 201", StringComparison.Ordinal));
        // a sent the shared layer and its config, not the layer the target had; b sent only its own small layer and config.
        Assert.InRange(a.Bytes, shared.Length, shared.Length + 4096);
        Assert.InRange(b.Bytes, 1024, 1024 + 4096);
    }

    [Fact]
    public async Task WarmAsync_LargeLayer_StreamedAndVerified()
    {
        var layer = RandomNumberGenerator.GetBytes(200 * 1024 * 1024);
        var digest = await TestImages.PushAsync(_client, "docker.io", $"{_namespace}/big", "1.0.0", layer);

        var report = await Warm(Spec("big:1.0.0"));

        Assert.Equal(WarmStatus.Imported, report.Items[0].After);
        Assert.True(report.Items[0].Bytes >= layer.Length);
        Assert.Equal(digest, await Skopeo.DigestAsync($"{_target}/{_namespace}/big:1.0.0"));
        Assert.NotNull(await _client.TryResolveBlobAsync(new RepositoryRef(_target, $"{_namespace}/big"), Digests.Sha256(layer)));
    }

    [Fact]
    public async Task WarmAsync_SourceLosesABlobMidRun_ThatImageFailsWithoutATag_TheRestCompletes()
    {
        var doomedLayer = RandomNumberGenerator.GetBytes(1024);
        await TestImages.PushAsync(_client, "docker.io", $"{_namespace}/doomed", "1.0.0", doomedLayer);
        await Upstream("fine", "1.0.0");
        using (var http = new HttpClient())
        {
            using var deleted = await http.DeleteAsync($"http://{TestServices.UpstreamRegistry}/v2/{_namespace}/doomed/blobs/{Digests.Sha256(doomedLayer)}");
            Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        }

        var report = await Warm(Spec("doomed:1.0.0"), Spec("fine:1.0.0"));

        Assert.Equal(WarmStatus.Failed, report.Items[0].After);
        Assert.Contains(Digests.Sha256(doomedLayer), report.Items[0].Error, StringComparison.Ordinal);
        Assert.Null(await _client.TryResolveAsync(ImageReference.Parse($"{_target}/{_namespace}/doomed:1.0.0")));
        Assert.Equal(WarmStatus.Imported, report.Items[1].After);
    }

    [Fact]
    public async Task WarmAsync_FloatingTagMoved_ReportedUnlessPolicySaysReimport()
    {
        await Upstream("app", "latest");
        var old = (await Warm(Spec("app:latest"))).Items[0].TargetDigest;
        var moved = await Upstream("app", "latest");

        var reported = await Warm(Spec("app:latest"));

        Assert.Equal((PlanStatus.Drifted, WarmStatus.Drifted), (reported.Items[0].Before, reported.Items[0].After));
        Assert.Equal(old, await Skopeo.DigestAsync($"{_target}/{_namespace}/app:latest"));

        using var reimporting = Services(Core.Warming.DriftPolicy.Reimport);
        var reimported = await RecordedAsync(reimporting, reimporting.GetRequiredService<WarmService>().WarmAsync([Spec("app:latest")], _target));

        Assert.Equal(WarmStatus.Imported, reimported.Items[0].After);
        Assert.Equal(moved, await Skopeo.DigestAsync($"{_target}/{_namespace}/app:latest"));
    }

    [Theory]
    [InlineData(TagReplacement.Always, Core.Warming.DriftPolicy.Report, WarmStatus.Imported)]
    [InlineData(TagReplacement.Never, Core.Warming.DriftPolicy.Reimport, WarmStatus.Drifted)]
    [InlineData(TagReplacement.ByDriftPolicy, Core.Warming.DriftPolicy.Report, WarmStatus.Drifted)]
    public async Task WarmAsync_Replacement_OverridesTheDriftPolicyEitherWay(TagReplacement replacement, Core.Warming.DriftPolicy policy, WarmStatus after)
    {
        await Upstream("app", "latest");
        var old = (await Warm(Spec("app:latest"))).Items[0].TargetDigest;
        var moved = await Upstream("app", "latest");
        using var services = Services(policy);

        var report = await RecordedAsync(services, services.GetRequiredService<WarmService>().WarmAsync([Spec("app:latest")], _target, replacement: replacement));

        Assert.Equal(after, report.Items[0].After);
        Assert.Equal(after == WarmStatus.Imported ? moved : old, await Skopeo.DigestAsync($"{_target}/{_namespace}/app:latest"));
    }

    [Fact]
    public async Task WarmAsync_ImporterNamedInAnyCase_Used_AnUnknownOne_AConfigurationErrorNamingTheKnownOnes()
    {
        await Upstream("app", "1.0.0");
        using var upper = Build(new() { ["ImageWarmer:Warming:Importer"] = "OCI-Copy" });
        using var unknown = Build(new() { ["ImageWarmer:Warming:Importer"] = "skopeo" });

        var report = await upper.GetRequiredService<WarmService>().WarmAsync([Spec("app:1.0.0")], _target);
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => unknown.GetRequiredService<WarmService>().WarmAsync([Spec("app:1.0.0")], _target));

        Assert.Equal(WarmStatus.Imported, report.Items[0].After);
        Assert.Equal("importer 'skopeo' is not known (ImageWarmer:Warming:Importer: oci-copy or acr-import)", error.Message);
    }

    public void Dispose() => _services.Dispose();

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>(RegistryTestHost.UpstreamAsDockerHub());
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        return RegistryTestHost.Build(all);
    }


    private ServiceProvider Services(Core.Warming.DriftPolicy drift) =>
        RegistryTestHost.Build(new Dictionary<string, string?>(RegistryTestHost.UpstreamAsDockerHub())
        {
            ["ImageWarmer:Warming:DriftPolicy"] = drift.ToString(),
            ["ImageWarmer:Storage:ConnectionString"] = TestServices.StorageConnectionString,
            ["ImageWarmer:Storage:LedgerTable"] = _ledgerTable,
        });

    private static async Task<WarmReport> RecordedAsync(ServiceProvider services, Task<WarmReport> run)
    {
        var report = await run;
        foreach (var item in report.Items)
        {
            await services.GetRequiredService<IStatusLedger>().For(TestServices.TargetRegistry).RecordAsync(item.ToLedgerRecord("test"));
        }
        return report;
    }

    private Task<WarmReport> Warm(params ImportSpec[] specs) => RecordedAsync(_services, _services.GetRequiredService<WarmService>().WarmAsync(specs, _target));

    private Task<string> Upstream(string name, string tag) => TestImages.PushAsync(_client, "docker.io", $"{_namespace}/{name}", tag);

    private IReadOnlyList<string> TargetLog() => RegistryAccessLog.Requests(TestServices.TargetAccessLog, _namespace + "/");

    private ImportSpec Spec(string nameTag) => TestSpecs.For($"docker.io/{_namespace}/{nameTag}");
}
