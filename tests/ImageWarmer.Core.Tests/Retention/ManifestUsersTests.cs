using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageWarmer.Core.Importing.Referrers;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Retention;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Core.Tests.Retention;

/// <summary>
/// What still needs a manifest before prune may delete it by digest, against the target docker-registry: another tag,
/// an index behind a tag (nested too), a referrer (by the API or its fallback tag), and what cannot be checked (a tag
/// ImageWarmer cannot read, an index nested too deep). The registry is read through a proxy, which answers the referrers
/// API (docker-registry 2.8 has none), a hostile tag list, or a manifest gone between the list and the read.
/// </summary>
public sealed class ManifestUsersTests : IAsyncLifetime
{
    private const string Proxied = "users.example.com";
    private readonly string _ns = "u" + Guid.NewGuid().ToString("n")[..10];
    private FaultProxy _proxy = null!;
    private ServiceProvider _services = null!;
    private ServiceProvider _seeder = null!;

    private string Repository => $"{_ns}/app";

    private RegistryClient Seeder => _seeder.GetRequiredService<RegistryClient>();

    public Task InitializeAsync()
    {
        _proxy = FaultProxy.Start(TestServices.TargetRegistry);
        _services = RegistryTestHost.Build(RegistryTestHost.EndpointAt(Proxied, _proxy.Address));
        _seeder = RegistryTestHost.Build([]);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Of_NothingRefersToIt_IsEmpty_ThoughOtherImagesAndIndexesAreThere()
    {
        var digest = await TestImages.PushAsync(Seeder, TestServices.TargetRegistry, Repository, "old");
        await TestImages.PushAsync(Seeder, TestServices.TargetRegistry, Repository, "other");
        await TestImages.PushIndexAsync(Seeder, TestServices.TargetRegistry, Repository, "multi");
        await PushNestedAsync("nested", await PushUntaggedImageAsync(), levels: 2);

        Assert.Empty(await Users(digest, "old"));
    }

    [Fact]
    public async Task Of_AnotherTagOnTheDigest_IsAUser()
    {
        var digest = await TestImages.PushAsync(Seeder, TestServices.TargetRegistry, Repository, "old");
        await PutAsync("stable", await ManifestAsync(digest));

        Assert.Equal(["tag stable"], await Users(digest, "old"));
    }

    [Fact]
    public async Task Of_AChildOfATaggedIndex_TheIndexIsAUser()
    {
        var (child, pinTag) = await TestImages.PushIndexWithPinnedChildAsync(Seeder, TestServices.TargetRegistry, Repository, "1.27");

        Assert.Equal(["the index under tag 1.27"], await Users(child, pinTag));
    }

    [Fact]
    public async Task Of_AChildOfAnIndexOfIndexes_TheOuterIndexIsAUser_UpToTheDepthBound()
    {
        var leaf = await PushUntaggedImageAsync();
        var (outer, inner) = await PushNestedAsync("nested", leaf, levels: 4);

        Assert.Equal([$"an index (through the nested index {inner}) under tag nested"], await Users(leaf, "pin"));
        Assert.NotNull(outer);
    }

    [Fact]
    public async Task Of_AnIndexNestedDeeperThanTheBound_CountsAsAUser_ThoughItDoesNotListIt()
    {
        var (_, inner) = await PushNestedAsync("deep", await PushUntaggedImageAsync(), levels: 5);
        var unrelated = await PushUntaggedImageAsync();

        // Not followed past the bound, so not proved unrelated: the nested index that leads there is named.
        Assert.Equal([$"an index (through the nested index {inner}) under tag deep"], await Users(unrelated, "pin"));
    }

    [Fact]
    public async Task Of_AReferrerTaggedInTheRepository_IsAUser()
    {
        var subject = await TestImages.PushAsync(Seeder, TestServices.TargetRegistry, Repository, "old");
        var sbom = await TestReferrers.PushSbomAsync(Seeder, TestServices.TargetRegistry, Repository, await DescriptorAsync(subject));
        await PutAsync("sbom", await ManifestAsync(sbom.Digest));

        Assert.Equal(["a referrer under tag sbom"], await Users(subject, "old"));
    }

    [Fact]
    public async Task Of_ItsFallbackIndexTag_IsAUser()
    {
        var subject = await TestImages.PushAsync(Seeder, TestServices.TargetRegistry, Repository, "old");
        await TestReferrers.PushSbomWithFallbackIndexAsync(Seeder, TestServices.TargetRegistry, Repository, await DescriptorAsync(subject));

        Assert.Equal([$"its referrers' fallback index {ReferrerTags.Fallback(subject)}"], await Users(subject, "old"));
    }

    [Fact]
    public async Task Of_ReferrersTheRegistryListsThroughItsApi_AreUsers()
    {
        var subject = await TestImages.PushAsync(Seeder, TestServices.TargetRegistry, Repository, "old");
        var sbom = await TestReferrers.PushSbomAsync(Seeder, TestServices.TargetRegistry, Repository, await DescriptorAsync(subject));
        var listed = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = MediaTypes.OciIndex,
            manifests = new[] { new { mediaType = sbom.MediaType, digest = sbom.Digest, size = sbom.Size, artifactType = sbom.ArtifactType } },
        });
        _proxy.Inject(r => r.Url!.AbsolutePath == $"/v2/{Repository}/referrers/{subject}", new Fault.Reply(200, MediaTypes.OciIndex, listed));

        Assert.Equal(["1 referrers whose subject it is"], await Users(subject, "old"));
    }

    [Fact]
    public async Task Of_ATagImageWarmerCannotRead_IsAUser_AndATagGoneBeforeItsReadIsNot()
    {
        var digest = await TestImages.PushAsync(Seeder, TestServices.TargetRegistry, Repository, "old");
        await TestImages.PushAsync(Seeder, TestServices.TargetRegistry, Repository, "gone");
        var tags = JsonSerializer.SerializeToUtf8Bytes(new { name = Repository, tags = new[] { "-odd", "gone", "old" } });
        _proxy.Inject(r => r.Url!.AbsolutePath == $"/v2/{Repository}/tags/list", new Fault.Reply(200, "application/json", tags));
        _proxy.Inject(r => r.Url!.AbsolutePath == $"/v2/{Repository}/manifests/gone", new Fault.Status(404));

        Assert.Equal(["tag -odd (not a tag ImageWarmer can read, so not proved unrelated)"], await Users(digest, "old"));
    }

    [Fact]
    public async Task Of_AManifestImageWarmerCannotParse_IsAUser()
    {
        var digest = await TestImages.PushAsync(Seeder, TestServices.TargetRegistry, Repository, "old");
        await TestImages.PushAsync(Seeder, TestServices.TargetRegistry, Repository, "odd");
        var odd = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciIndex}}","manifests":"everything"}""");
        _proxy.Inject(r => r.HttpMethod == "GET" && r.Url!.AbsolutePath == $"/v2/{Repository}/manifests/odd", new Fault.Reply(200, MediaTypes.OciIndex, odd));

        Assert.Equal([$"a manifest ImageWarmer cannot read ({Digests.Sha256(odd)}) under tag odd"], await Users(digest, "old"));
    }

    public async Task DisposeAsync()
    {
        _services.Dispose();
        _seeder.Dispose();
        await _proxy.DisposeAsync();
    }

    private async Task<IReadOnlyList<string>> Users(string digest, string tag) =>
        await _services.GetRequiredService<ManifestUsers>().OfAsync(new RepositoryRef(Proxied, Repository), digest, tag);

    // An image manifest only its digest reaches (a copy of a fresh image's, told apart by an annotation).
    private async Task<string> PushUntaggedImageAsync()
    {
        var scratch = await TestImages.PushAsync(Seeder, TestServices.TargetRegistry, Repository, "scratch");
        var manifest = JsonNode.Parse((await ManifestAsync(scratch)).Bytes)!.AsObject();
        manifest["annotations"] = new JsonObject { ["copy"] = Guid.NewGuid().ToString("n") };
        var bytes = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        return await Seeder.PutManifestAsync(new RepositoryRef(TestServices.TargetRegistry, Repository), Digests.Sha256(bytes), MediaTypes.OciManifest, bytes);
    }

    // levels indexes, each listing the next and the last listing leaf; only the outermost is tagged. Returns the
    // outer index and the one it lists.
    private async Task<(string Outer, string Inner)> PushNestedAsync(string tag, string leaf, int levels)
    {
        var (digest, mediaType, size) = (leaf, MediaTypes.OciManifest, (long)(await ManifestAsync(leaf)).Bytes.Length);
        var inner = leaf;
        for (var level = levels; level >= 1; level--)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(new { schemaVersion = 2, mediaType = MediaTypes.OciIndex, manifests = new[] { new { mediaType, digest, size } } });
            inner = digest;
            digest = await Seeder.PutManifestAsync(new RepositoryRef(TestServices.TargetRegistry, Repository), level == 1 ? tag : Digests.Sha256(bytes), MediaTypes.OciIndex, bytes);
            (mediaType, size) = (MediaTypes.OciIndex, bytes.Length);
        }
        return (digest, inner);
    }

    private async Task<ManifestContent> ManifestAsync(string digest) =>
        await Seeder.TryGetManifestAsync(ImageReference.Parse($"{TestServices.TargetRegistry}/{Repository}@{digest}")) ?? throw new InvalidOperationException(digest);

    private async Task<Descriptor> DescriptorAsync(string digest) => (await ManifestAsync(digest)).Descriptor;

    private Task PutAsync(string tag, ManifestContent manifest) =>
        Seeder.PutManifestAsync(new RepositoryRef(TestServices.TargetRegistry, Repository), tag, manifest.Descriptor.MediaType, manifest.Bytes);
}
