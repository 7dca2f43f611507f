using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Retention;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Core.Tests.Retention;

/// <summary>
/// Removing a tag from a registry that can delete only a manifest (the target docker-registry): a tag gone or holding
/// another image is left as it is, a manifest something else needs stays (the reason names who), and only a manifest
/// nothing refers to is deleted, and only with apply.
/// </summary>
public sealed class TagRemoverTests : IDisposable
{
    private readonly string _ns = "t" + Guid.NewGuid().ToString("n")[..10];
    private readonly string _host = TestServices.TargetRegistry;
    private readonly ServiceProvider _services = RegistryTestHost.Build([]);

    private RegistryClient Client => _services.GetRequiredService<RegistryClient>();

    private TagRemover Remover => _services.GetRequiredService<TagRemover>();

    [Fact]
    public async Task Remove_TagNotThereAnyMore_IsGone()
    {
        var digest = "sha256:" + new string('c', 64);

        Assert.Equal((PruneAction.Gone, $"not in {_host} any more"), await Remover.RemoveAsync(_host, Target("1.0"), digest, apply: true));
    }

    [Fact]
    public async Task Remove_TagNowHoldsAnotherImage_IsKeptAsSomeoneElses()
    {
        var ours = await TestImages.PushAsync(Client, _host, $"{_ns}/app", "1.0");
        var theirs = await TestImages.PushAsync(Client, _host, $"{_ns}/app", "1.0");

        var result = await Remover.RemoveAsync(_host, Target("1.0"), ours, apply: true);

        Assert.Equal((PruneAction.Kept, $"now holds {theirs}, not the {ours} ImageWarmer wrote: someone else's tag"), result);
        Assert.Equal(theirs, await DigestAsync("1.0"));
    }

    [Fact]
    public async Task Remove_ManifestOtherTagsHold_IsKept_NamingEveryOne_AndNothingIsDeleted()
    {
        var digest = await TestImages.PushAsync(Client, _host, $"{_ns}/app", "1.0");
        var manifest = await Client.TryGetManifestAsync(ImageReference.Parse($"{_host}/{_ns}/app:1.0"));
        foreach (var tag in new[] { "1", "latest" })
        {
            await Client.PutManifestAsync(new RepositoryRef(_host, $"{_ns}/app"), tag, manifest!.Descriptor.MediaType, manifest.Bytes);
        }

        var result = await Remover.RemoveAsync(_host, Target("1.0"), digest, apply: true);

        // In the registry's tag-list order, each named once.
        Assert.Equal(PruneAction.Kept, result.Action);
        Assert.Contains(result.Reason, new[] { "tag 1, tag latest", "tag latest, tag 1" }
            .Select(users => $"its manifest is still needed by {users}, and {_host} can only delete the manifest (no tag-only delete)"));
        Assert.Equal(digest, await DigestAsync("1.0"));
    }

    [Fact]
    public async Task Remove_ManifestNothingRefersTo_DryRunLeavesIt_ApplyDeletesIt()
    {
        var digest = await TestImages.PushAsync(Client, _host, $"{_ns}/app", "1.0");
        await TestImages.PushAsync(Client, _host, $"{_ns}/app", "2.0");

        var dryRun = await Remover.RemoveAsync(_host, Target("1.0"), digest, apply: false);
        Assert.Equal((PruneAction.WouldDelete, "the manifest, which nothing in the repository refers to"), dryRun);
        Assert.Equal(digest, await DigestAsync("1.0"));

        var applied = await Remover.RemoveAsync(_host, Target("1.0"), digest, apply: true);
        Assert.Equal((PruneAction.Deleted, "the manifest, which nothing in the repository refers to"), applied);
        Assert.Null(await DigestAsync("1.0"));
        Assert.NotNull(await DigestAsync("2.0"));
    }

    public void Dispose() => _services.Dispose();

    private async Task<string?> DigestAsync(string tag) =>
        (await Client.TryResolveAsync(ImageReference.Parse($"{_host}/{_ns}/app:{tag}")))?.Digest;

    private TargetImage Target(string tag) =>
        TargetImage.TryCreate($"{_ns}/app", tag, out var target, out var error) ? target : throw new InvalidOperationException(error);
}
