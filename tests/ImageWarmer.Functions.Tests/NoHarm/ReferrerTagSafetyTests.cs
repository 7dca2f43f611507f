using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Importing.Referrers;
using ImageWarmer.Core.Operations.Warm;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Warming;
using ImageWarmer.Testing;

namespace ImageWarmer.Functions.Tests.NoHarm;

/// <summary>A referrer copy writes only referrer tags, between the two docker-registry instances (neither has the
/// referrers API, so the fallback index is a tag) with the ledger in Azurite: a digest-pinned image and the same image by
/// tag, whose SBOM upstream lists in a fallback index, leave the pinned image's tag at its digest; a pinned tag an older
/// release wrote under the fallback tag's own name, and a team's own signature, are left alone and reported.</summary>
public sealed class ReferrerTagSafetyTests : IDisposable
{
    private readonly FunctionTestHost _host = new();
    private readonly TemporaryDirectory _manifests = new();

    [Fact]
    public async Task Warm_PinnedIndexThenItsTag_WithAnSbomInUpstreamsFallbackIndex_PinnedTagKeepsItsDigest()
    {
        var (ns, client, target) = (_host.Namespace, _host.Get<RegistryClient>(), TestServices.TargetRegistry);
        var (index, sbom, fallbackIndex) = await UpstreamIndexWithSbomAsync(ns, client);
        var pinTag = TargetImage.TagForDigest(index);

        var pinned = await WarmAsync($"{ns}/app@{index}");
        var tagged = await WarmAsync($"{ns}/app:1.0.0");

        Assert.Equal(WarmStatus.Imported, Assert.Single(pinned.Report.Items).After);
        var item = Assert.Single(tagged.Report.Items);
        Assert.Equal((WarmStatus.Imported, null), (item.After, item.ReferrersError));
        Assert.Equal(index, await Skopeo.DigestAsync($"{target}/{ns}/app:{pinTag}"));
        Assert.Equal(fallbackIndex, await Skopeo.DigestAsync($"{target}/{ns}/app:{ReferrerTags.Fallback(index)}"));
        Assert.Equal(sbom, await Skopeo.DigestAsync($"{target}/{ns}/app@{sbom}"));
        Assert.Equal(index, (await _host.Get<IStatusLedger>().GetAsync($"{ns}/app:{pinTag}"))?.ImportedDigest);
    }

    [Fact]
    public async Task Warm_FallbackTagHoldsAPinnedImageOrTheTeamsSignature_LeftAloneAndReported()
    {
        // Referrers are looked for again for an image the target has.
        using var host = new FunctionTestHost(new() { ["ImageWarmer:Warming:RefreshReferrers"] = "true" });
        var (ns, client, target) = (host.Namespace, host.Get<RegistryClient>(), TestServices.TargetRegistry);
        var (index, _, _) = await UpstreamIndexWithSbomAsync(ns, client);
        await TestReferrers.PushCosignSignatureAsync(client, "docker.io", $"{ns}/app", index);
        // An older release tagged the pinned image sha256-<hex>, the fallback tag's own name; the team signed it in ACR.
        var legacy = ReferrerTags.Fallback(index);
        await TestImages.CopyAsync(client, "docker.io", $"{ns}/app", "1.0.0", target, $"{ns}/app");
        var upstreamIndex = await client.TryGetManifestAsync(ImageReference.Parse($"docker.io/{ns}/app:1.0.0"));
        await client.PutManifestAsync(new RepositoryRef(target, $"{ns}/app"), legacy, MediaTypes.OciIndex, upstreamIndex!.Bytes);
        var teams = await TestReferrers.PushCosignSignatureAsync(client, target, $"{ns}/app", index);

        _manifests.Write("imagewarmer.yaml", $"images:\n  - {ns}/app:1.0.0\n");
        var tagged = await host.Get<WarmOperation>().RunAsync(new WarmRunRequest(_manifests.Path, target));

        var item = Assert.Single(tagged.Report.Items);
        Assert.Equal(WarmStatus.Present, item.After);
        Assert.Equal(index, await Skopeo.DigestAsync($"{target}/{ns}/app:{legacy}"));
        Assert.Equal(teams, await Skopeo.DigestAsync($"{target}/{ns}/app:{legacy}.sig"));
        Assert.Contains($"{ns}/app:{legacy} holds {index}, which is not a referrers list", item.ReferrersError, StringComparison.Ordinal);
        Assert.Contains($"{ns}/app:{legacy}.sig holds {teams}", item.ReferrersError, StringComparison.Ordinal);
        Assert.False(tagged.AllWell);
        Assert.Contains("left alone", (await host.Get<IStatusLedger>().GetAsync($"{ns}/app:1.0.0"))?.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _host.Dispose();
        _manifests.Dispose();
    }

    // Upstream's app:1.0.0: a two-platform index, an SPDX SBOM of it, and the fallback index listing the SBOM.
    private static async Task<(string Index, string Sbom, string FallbackIndex)> UpstreamIndexWithSbomAsync(string ns, RegistryClient client)
    {
        var index = await TestImages.PushIndexAsync(client, "docker.io", $"{ns}/app", "1.0.0");
        var subject = (await client.TryResolveAsync(ImageReference.Parse($"docker.io/{ns}/app:1.0.0")))!;
        var (sbom, fallbackIndex) = await TestReferrers.PushSbomWithFallbackIndexAsync(client, "docker.io", $"{ns}/app", subject);
        return (index, sbom, fallbackIndex);
    }

    private async Task<WarmResult> WarmAsync(string image)
    {
        _manifests.Write("imagewarmer.yaml", $"images:\n  - {image}\n");
        return await _host.Get<WarmOperation>().RunAsync(new WarmRunRequest(_manifests.Path, TestServices.TargetRegistry));
    }
}
