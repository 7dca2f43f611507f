using System.Text.Json;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Importing.Referrers;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Warming;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Core.Tests.Importing.Referrers;

/// <summary>Signatures and SBOMs travel with the image between the two real docker-registry instances (neither has the
/// referrers API): a cosign <c>.sig</c> tag and an OCI 1.1 artifact in the fallback index arrive with their digests
/// (skopeo says so), and one added upstream later is found by the next run with RefreshReferrers on, without a pull of
/// the image.</summary>
public sealed class ReferrerCopyTests : IDisposable
{
    private readonly string _namespace = "r" + Guid.NewGuid().ToString("n")[..10];
    private readonly string _target = TestServices.TargetRegistry;
    private readonly ServiceProvider _services = Services(refresh: false);
    private readonly RegistryClient _client;

    public ReferrerCopyTests() => _client = _services.GetRequiredService<RegistryClient>();

    [Fact]
    public async Task WarmAsync_CosignSignatureAndFallbackIndex_ArriveWithDigestsEqual()
    {
        var image = await TestImages.PushAsync(_client, "docker.io", $"{_namespace}/app", "1.0.0");
        var subject = (await _client.TryResolveAsync(ImageReference.Parse($"docker.io/{_namespace}/app:1.0.0")))!;
        var signature = await TestReferrers.PushCosignSignatureAsync(_client, "docker.io", $"{_namespace}/app", image);
        var (sbom, index) = await TestReferrers.PushSbomWithFallbackIndexAsync(_client, "docker.io", $"{_namespace}/app", subject);

        var item = (await Warm(_services, "app:1.0.0")).Items[0];

        Assert.Equal((WarmStatus.Imported, 2, 3, null), (item.After, item.Referrers, item.ReferrersCopied, item.ReferrersError));
        var fallback = ReferrerTags.Fallback(image);
        Assert.Equal(image, await Skopeo.DigestAsync($"{_target}/{_namespace}/app:1.0.0"));
        Assert.Equal(signature, await Skopeo.DigestAsync($"{_target}/{_namespace}/app:{fallback}.sig"));
        Assert.Equal(index, await Skopeo.DigestAsync($"{_target}/{_namespace}/app:{fallback}"));
        Assert.Equal(sbom, await Skopeo.DigestAsync($"{_target}/{_namespace}/app@{sbom}"));
        Assert.Equal(await Skopeo.DigestAsync($"{TestServices.UpstreamRegistry}/{_namespace}/app:{fallback}.sig"), signature);
    }

    [Fact]
    public async Task WarmAsync_SignatureAddedUpstreamLater_CopiedByTheNextRunWithRefresh_WithoutAPullOfTheImage()
    {
        var image = await TestImages.PushAsync(_client, "docker.io", $"{_namespace}/late", "2.0.0");
        var first = (await Warm(_services, "late:2.0.0")).Items[0];
        Assert.Equal((WarmStatus.Imported, 0), (first.After, first.Referrers));
        var signature = await TestReferrers.PushCosignSignatureAsync(_client, "docker.io", $"{_namespace}/late", image);

        // The steady state asks nothing upstream: the signature waits for a run that looks.
        var mark = UpstreamLog().Count;
        var steady = (await Warm(_services, "late:2.0.0")).Items[0];
        Assert.Empty(UpstreamLog().Skip(mark));
        Assert.Equal((WarmStatus.Present, 0), (steady.After, steady.Referrers));

        using var refreshing = Services(refresh: true);
        mark = UpstreamLog().Count;
        var refreshed = (await Warm(refreshing, "late:2.0.0")).Items[0];

        Assert.Equal((WarmStatus.Present, 1, 1), (refreshed.After, refreshed.Referrers, refreshed.ReferrersCopied));
        Assert.Equal(signature, await Skopeo.DigestAsync($"{_target}/{_namespace}/late:{ReferrerTags.Fallback(image)}.sig"));
        var upstream = UpstreamLog().Skip(mark).ToList();
        Assert.DoesNotContain(upstream, l => l.StartsWith($"GET /v2/{_namespace}/late/manifests/2.0.0", StringComparison.Ordinal));
        Assert.DoesNotContain(upstream, l => l.StartsWith($"GET /v2/{_namespace}/late/manifests/{image}", StringComparison.Ordinal));
        Assert.Contains($"HEAD /v2/{_namespace}/late/manifests/{ReferrerTags.Fallback(image)}.sig 200", upstream);
        Assert.Contains($"GET /v2/{_namespace}/late/manifests/{signature} 200", upstream);

        mark = UpstreamLog().Count;
        var again = (await Warm(refreshing, "late:2.0.0")).Items[0];
        Assert.Equal((1, 0), (again.Referrers, again.ReferrersCopied));
        Assert.DoesNotContain(UpstreamLog().Skip(mark), l => l.StartsWith("GET", StringComparison.Ordinal) && l.Contains("/manifests/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WarmAsync_CopyReferrersOff_OnlyTheImageArrives()
    {
        var image = await TestImages.PushAsync(_client, "docker.io", $"{_namespace}/bare", "1.0.0");
        await TestReferrers.PushCosignSignatureAsync(_client, "docker.io", $"{_namespace}/bare", image);
        using var off = RegistryTestHost.Build(new Dictionary<string, string?>(RegistryTestHost.UpstreamAsDockerHub())
        {
            ["ImageWarmer:Warming:CopyReferrers"] = "false",
        });

        var item = (await Warm(off, "bare:1.0.0")).Items[0];

        Assert.Equal((WarmStatus.Imported, null), (item.After, item.Referrers));
        Assert.Null(await _client.TryResolveAsync(ImageReference.Parse($"{_target}/{_namespace}/bare:{ReferrerTags.Fallback(image)}.sig")));
    }

    [Fact]
    public async Task WarmAsync_SourceListsReferrersThroughItsApi_TargetWithout_KeepsTheTargetFallbackIndex()
    {
        var image = await TestImages.PushAsync(_client, "docker.io", $"{_namespace}/api", "1.0.0");
        var subject = (await _client.TryResolveAsync(ImageReference.Parse($"docker.io/{_namespace}/api:1.0.0")))!;
        var sbom = await TestReferrers.PushSbomAsync(_client, "docker.io", $"{_namespace}/api", subject);
        // The registry behind the proxy has no referrers API; the proxy answers it, as a registry with one would.
        await using var proxy = FaultProxy.Start(TestServices.UpstreamRegistry);
        var listed = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = MediaTypes.OciIndex,
            manifests = new[] { new { mediaType = sbom.MediaType, digest = sbom.Digest, size = sbom.Size, artifactType = sbom.ArtifactType } },
        });
        proxy.Inject(r => r.Url!.AbsolutePath == $"/v2/{_namespace}/api/referrers/{image}", new Fault.Reply(200, MediaTypes.OciIndex, listed));
        using var viaProxy = RegistryTestHost.Build(new Dictionary<string, string?>
        {
            ["ImageWarmer:Registry:Endpoints:0:Registry"] = "docker.io",
            ["ImageWarmer:Registry:Endpoints:0:Url"] = $"http://{proxy.Address}",
        });

        var item = (await Warm(viaProxy, "api:1.0.0")).Items[0];

        Assert.Equal((WarmStatus.Imported, 1, 2), (item.After, item.Referrers, item.ReferrersCopied));
        Assert.Equal(sbom.Digest, await Skopeo.DigestAsync($"{_target}/{_namespace}/api@{sbom.Digest}"));
        // The target (docker-registry) does not index subjects: the client keeps its fallback index, as the schema asks.
        var index = await _client.TryGetManifestAsync(ImageReference.Parse($"{_target}/{_namespace}/api:{ReferrerTags.Fallback(image)}"));
        using var json = JsonDocument.Parse(index!.Bytes);
        var member = Assert.Single(json.RootElement.GetProperty("manifests").EnumerateArray());
        Assert.Equal((sbom.Digest, TestReferrers.Spdx), (member.GetProperty("digest").GetString(), member.GetProperty("artifactType").GetString()));
        Assert.DoesNotContain(proxy.Seen, s => s.Contains($"/manifests/{ReferrerTags.Fallback(image)} ", StringComparison.Ordinal));
    }

    public void Dispose() => _services.Dispose();

    private static ServiceProvider Services(bool refresh) =>
        RegistryTestHost.Build(new Dictionary<string, string?>(RegistryTestHost.UpstreamAsDockerHub())
        {
            ["ImageWarmer:Warming:RefreshReferrers"] = refresh ? "true" : "false",
        });

    private Task<WarmReport> Warm(ServiceProvider services, string image) =>
        services.GetRequiredService<WarmService>().WarmAsync([TestSpecs.For($"docker.io/{_namespace}/{image}")], _target);

    private IReadOnlyList<string> UpstreamLog() => RegistryAccessLog.Requests(TestServices.UpstreamAccessLog, _namespace + "/");
}
