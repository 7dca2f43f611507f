using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Importing;
using ImageWarmer.Core.Importing.Referrers;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Core.Tests.Importing.Referrers;

/// <summary>
/// The referrer copy's own decisions, from the upstream docker-registry into the target one (reached through a proxy,
/// which can answer a manifest PUT with <c>OCI-Subject</c> as a registry with the referrers API does): the fallback
/// index is kept only for a target that does not index subjects, merged into the target's own referrers list, never
/// written twice; what the target holds already is not copied again, nor read upstream twice; a cosign tag whose
/// signatures upstream's lacks stays.
/// </summary>
public sealed class ReferrerCopierTests : IAsyncLifetime
{
    private const string Proxied = "copies.example.com";
    private readonly string _ns = "c" + Guid.NewGuid().ToString("n")[..10];
    private FaultProxy _proxy = null!;
    private ServiceProvider _services = null!;
    private string _subject = null!;

    private string Repository => $"{_ns}/app";

    private RegistryClient Client => _services.GetRequiredService<RegistryClient>();

    private ReferrerCopier Copier => _services.GetRequiredService<ReferrerCopier>();

    private ImageReference Source => ImageReference.Parse($"docker.io/{Repository}:1.0");

    private ImageReference Target => ImageReference.Parse($"{Proxied}/{Repository}:1.0");

    public async Task InitializeAsync()
    {
        _proxy = FaultProxy.Start(TestServices.TargetRegistry);
        _services = RegistryTestHost.Build(Settings());
        _subject = await TestImages.PushAsync(Client, "docker.io", Repository, "1.0");
        await TestImages.CopyAsync(Client, "docker.io", Repository, "1.0", TestServices.TargetRegistry, Repository);
    }

    [Fact]
    public async Task Copy_TargetIndexesTheSubject_NoFallbackIndex_AndASecondCopyWritesNothing()
    {
        var sbom = await TestReferrers.PushSbomAsync(Client, "docker.io", Repository, await SubjectAsync());
        _proxy.Inject(r => r.HttpMethod == "PUT" && r.Url!.AbsolutePath == $"/v2/{Repository}/manifests/{sbom.Digest}", new Fault.Header("OCI-Subject", _subject));
        var found = new ReferrerSet([sbom], null, []);

        var first = await Copier.CopyAsync(Source, Target, _subject, found);
        var second = await Copier.CopyAsync(Source, Target, _subject, found);

        Assert.Equal((1, 0), (first.Written, second.Written));
        Assert.Empty(first.LeftAlone);
        Assert.Equal(sbom.Digest, (await TargetManifestAsync(sbom.Digest))?.Descriptor.Digest);
        Assert.Null(await TargetManifestAsync(ReferrerTags.Fallback(_subject)));
        Assert.Single(_proxy.Seen, s => s.StartsWith($"PUT /v2/{Repository}/manifests/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Copy_UpstreamsFallbackIndex_WrittenOnce_ThenLeftAsItIs()
    {
        var (_, index) = await TestReferrers.PushSbomWithFallbackIndexAsync(Client, "docker.io", Repository, await SubjectAsync());
        var found = await Finder().FindAsync(new RepositoryRef("docker.io", Repository), _subject);

        var first = await Copier.CopyAsync(Source, Target, _subject, found);
        var second = await Copier.CopyAsync(Source, Target, _subject, found);

        Assert.Equal((2, 0), (first.Written, second.Written));
        Assert.Equal(index, (await TargetManifestAsync(ReferrerTags.Fallback(_subject)))?.Descriptor.Digest);
    }

    [Fact]
    public async Task Copy_TargetHasItsOwnReferrersList_UpstreamsEntriesAreMergedIntoIt()
    {
        var (theirs, _) = await TestReferrers.PushSbomWithFallbackIndexAsync(Client, TestServices.TargetRegistry, Repository, await SubjectAsync());
        var (ours, _) = await TestReferrers.PushSbomWithFallbackIndexAsync(Client, "docker.io", Repository, await SubjectAsync());
        var found = await Finder().FindAsync(new RepositoryRef("docker.io", Repository), _subject);

        var copy = await Copier.CopyAsync(Source, Target, _subject, found);

        Assert.Equal(2, copy.Written);
        using var merged = JsonDocument.Parse((await TargetManifestAsync(ReferrerTags.Fallback(_subject)))!.Bytes);
        Assert.Equal([theirs, ours], merged.RootElement.GetProperty("manifests").EnumerateArray().Select(m => m.GetProperty("digest").GetString()));
    }

    [Fact]
    public async Task Copy_ASignatureListedAndTagged_IsReadUpstreamOnce()
    {
        var signature = await TestReferrers.PushCosignSignatureAsync(Client, "docker.io", Repository, _subject);
        var descriptor = (await Client.TryGetManifestAsync(ImageReference.Parse($"docker.io/{Repository}@{signature}")))!.Descriptor;
        var tag = ReferrerTags.Fallback(_subject) + ".sig";
        var mark = UpstreamLog().Count;

        var copy = await Copier.CopyAsync(Source, Target, _subject, new ReferrerSet([descriptor], null, [new TaggedReferrer(tag, signature)]));

        Assert.Equal(2, copy.Written);
        Assert.Equal(signature, (await TargetManifestAsync(tag))?.Descriptor.Digest);
        Assert.Single(UpstreamLog().Skip(mark), l => l.StartsWith($"GET /v2/{Repository}/manifests/{signature} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Copy_TargetsCosignTagHasASignatureUpstreamsLacks_IsLeftAlone_AndOneUpstreamKeepsEveryOneMovesIt()
    {
        var (a, b, x) = (RandomNumberGenerator.GetBytes(64), RandomNumberGenerator.GetBytes(64), RandomNumberGenerator.GetBytes(64));
        var tag = ReferrerTags.Fallback(_subject) + ".sig";
        var targets = await PushSignaturesAsync(TestServices.TargetRegistry, tag, a, x);
        var upstreams = await PushSignaturesAsync("docker.io", tag, a);

        var kept = await Copier.CopyAsync(Source, Target, _subject, new ReferrerSet([], null, [new TaggedReferrer(tag, upstreams)]));

        Assert.Equal([$"{Repository}:{tag} holds {targets}, with signatures upstream's {upstreams} lacks"], kept.LeftAlone);
        Assert.Equal(targets, (await TargetManifestAsync(tag))?.Descriptor.Digest);

        var more = await PushSignaturesAsync("docker.io", tag, a, x, b);
        var moved = await Copier.CopyAsync(Source, Target, _subject, new ReferrerSet([], null, [new TaggedReferrer(tag, more)]));

        Assert.Equal((1, 0), (moved.Written, moved.LeftAlone.Count));
        Assert.Equal(more, (await TargetManifestAsync(tag))?.Descriptor.Digest);
    }

    [Fact]
    public async Task Copy_AReferrerGoneUpstream_FailsAsNotFound()
    {
        var gone = new Descriptor(MediaTypes.OciManifest, "sha256:" + new string('d', 64), 100);

        var e = await Assert.ThrowsAsync<ImportFailedException>(() => Copier.CopyAsync(Source, Target, _subject, new ReferrerSet([gone], null, [])));

        Assert.Equal(FailureKind.NotFound, e.Kind);
        Assert.EndsWith($"@{gone.Digest} (a referrer) is not in docker.io any more", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copy_FallbackTagHoldsAnImage_LeftAloneAndSaid_TheReferrerStillCopiedByDigest()
    {
        var pinned = await TestImages.PushAsync(Client, TestServices.TargetRegistry, Repository, ReferrerTags.Fallback(_subject));
        var (sbom, _) = await TestReferrers.PushSbomWithFallbackIndexAsync(Client, "docker.io", Repository, await SubjectAsync());
        var found = await Finder().FindAsync(new RepositoryRef("docker.io", Repository), _subject);

        var copy = await Copier.CopyAsync(Source, Target, _subject, found);

        Assert.Equal(1, copy.Written);
        Assert.Equal([$"{Repository}:{ReferrerTags.Fallback(_subject)} holds {pinned}, which is not a referrers list"], copy.LeftAlone);
        Assert.Equal(pinned, (await TargetManifestAsync(ReferrerTags.Fallback(_subject)))?.Descriptor.Digest);
        Assert.Equal(sbom, (await TargetManifestAsync(sbom))?.Descriptor.Digest);
    }

    [Fact]
    public async Task Copy_TargetsCosignTagHoldsWhatCannotBeRead_IsLeftAlone()
    {
        var tag = ReferrerTags.Fallback(_subject) + ".sig";
        var upstreams = await PushSignaturesAsync("docker.io", tag, RandomNumberGenerator.GetBytes(64));
        var unreadable = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciManifest}}","layers":"all of them"}""");
        _proxy.Inject(r => r.HttpMethod == "GET" && r.Url!.AbsolutePath == $"/v2/{Repository}/manifests/{tag}", new Fault.Reply(200, MediaTypes.OciManifest, unreadable));

        var copy = await Copier.CopyAsync(Source, Target, _subject, new ReferrerSet([], null, [new TaggedReferrer(tag, upstreams)]));

        Assert.Equal([$"{Repository}:{tag} holds {Digests.Sha256(unreadable)}, with signatures upstream's {upstreams} lacks"], copy.LeftAlone);
        Assert.DoesNotContain(_proxy.Seen, s => s.StartsWith($"PUT /v2/{Repository}/manifests/{tag} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Copy_ASignatureCopiedThenGoneFromTheTargetBeforeItsTag_FailsAsNotFound()
    {
        var signature = await TestReferrers.PushCosignSignatureAsync(Client, "docker.io", Repository, _subject);
        var descriptor = (await Client.TryGetManifestAsync(ImageReference.Parse($"docker.io/{Repository}@{signature}")))!.Descriptor;
        _proxy.Inject(r => r.HttpMethod == "GET" && r.Url!.AbsolutePath == $"/v2/{Repository}/manifests/{signature}", new Fault.Status(404));
        var found = new ReferrerSet([descriptor], null, [new TaggedReferrer(ReferrerTags.Fallback(_subject) + ".sig", signature)]);

        var e = await Assert.ThrowsAsync<ImportFailedException>(() => Copier.CopyAsync(Source, Target, _subject, found));

        Assert.Equal(FailureKind.NotFound, e.Kind);
        Assert.EndsWith($"@{signature} was copied but is not in {Proxied}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copy_MoreReferrersThanAnImageMayHaveManifests_FailsNamingWhoseReferrers()
    {
        var sbom = await TestReferrers.PushSbomAsync(Client, "docker.io", Repository, await SubjectAsync());
        using var capped = RegistryTestHost.Build(Settings(("ImageWarmer:Registry:MaxManifestsPerImage", "1")));

        var e = await Assert.ThrowsAsync<ImportFailedException>(() =>
            capped.GetRequiredService<ReferrerCopier>().CopyAsync(Source, Target, _subject, new ReferrerSet([sbom], null, [])));

        Assert.Equal(FailureKind.InvalidInput, e.Kind);
        Assert.StartsWith($"referrers of {Source.Familiar}: {_subject} lists 1 more manifests, past the 1 ", e.Message, StringComparison.Ordinal);
        Assert.Null(await TargetManifestAsync(sbom.Digest));
    }

    public async Task DisposeAsync()
    {
        _services.Dispose();
        await _proxy.DisposeAsync();
    }

    // docker.io is the upstream registry; Proxied the target one, through the proxy.
    private Dictionary<string, string?> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>(RegistryTestHost.UpstreamAsDockerHub().Concat(RegistryTestHost.EndpointAt(Proxied, _proxy.Address, index: 1)));
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return settings;
    }

    private IReadOnlyList<string> UpstreamLog() => RegistryAccessLog.Requests(TestServices.UpstreamAccessLog, _ns + "/");

    private ReferrerFinder Finder() => _services.GetRequiredService<ReferrerFinder>();

    private async Task<Descriptor> SubjectAsync() =>
        (await Client.TryGetManifestAsync(ImageReference.Parse($"docker.io/{Repository}@{_subject}")))!.Descriptor;

    private Task<ManifestContent?> TargetManifestAsync(string tagOrDigest) =>
        Client.TryGetManifestAsync(ImageReference.Parse($"{TestServices.TargetRegistry}/{Repository}{(tagOrDigest.Contains(':', StringComparison.Ordinal) ? "@" : ":")}{tagOrDigest}"));

    // A cosign-style signature manifest under tag whose layers are the payloads (one signature each).
    private async Task<string> PushSignaturesAsync(string registry, string tag, params byte[][] payloads)
    {
        var repository = new RepositoryRef(registry, Repository);
        var config = "{}"u8.ToArray();
        await Client.UploadBlobAsync(repository, Digests.Sha256(config), config);
        foreach (var payload in payloads)
        {
            await Client.UploadBlobAsync(repository, Digests.Sha256(payload), payload);
        }
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = MediaTypes.OciManifest,
            config = new { mediaType = MediaTypes.OciConfig, digest = Digests.Sha256(config), size = config.Length },
            layers = payloads.Select(p => new { mediaType = TestReferrers.SimpleSigning, digest = Digests.Sha256(p), size = p.Length }).ToArray(),
        });
        return await Client.PutManifestAsync(repository, tag, MediaTypes.OciManifest, manifest);
    }
}
