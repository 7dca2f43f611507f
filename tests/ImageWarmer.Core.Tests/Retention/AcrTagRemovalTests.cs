using System.Net;
using System.Text;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Retention;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Core.Tests.Retention;

/// <summary>
/// Prune on ACR removes the tag alone, through ACR's own tag delete, and never a manifest by digest. ACR cannot run
/// here: the target docker-registry stands behind a proxy that answers ACR's call in its recorded shape (the data-plane
/// spec's <c>DELETE /acr/v1/{name}/_tags/{reference}</c>: 202 Accepted with no body, errors as
/// <c>{"errors":[{"code","message"}]}</c>), and forwards everything else. The registry is named
/// <c>*.azurecr.io</c>, which is how ImageWarmer knows it can delete a tag alone.
/// </summary>
public sealed class AcrTagRemovalTests : IAsyncLifetime
{
    private const string Acr = "fakeacr.azurecr.io";
    private readonly string _ns = "x" + Guid.NewGuid().ToString("n")[..10];
    private FaultProxy _acr = null!;
    private ServiceProvider _services = null!;
    private ServiceProvider _seeder = null!;

    public Task InitializeAsync()
    {
        _acr = FaultProxy.Start(TestServices.TargetRegistry);
        _services = RegistryTestHost.Build(new Dictionary<string, string?>
        {
            ["ImageWarmer:Registry:Endpoints:0:Registry"] = Acr,
            ["ImageWarmer:Registry:Endpoints:0:Url"] = $"http://{_acr.Address}",
        });
        _seeder = RegistryTestHost.Build([]);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Remove_ChildOfATaggedIndex_OnAcr_DeletesTheTagAloneAndEveryPullStillWorks()
    {
        var (amd64, pinTag) = await PushIndexWithAPinnedChildAsync();
        _acr.Inject(TagDelete, new Fault.Reply(202, "application/json", []));
        var remover = _services.GetRequiredService<TagRemover>();

        var dryRun = await remover.RemoveAsync(Acr, Target(pinTag), amd64, apply: false);
        Assert.DoesNotContain(_acr.Seen, s => s.StartsWith("DELETE", StringComparison.Ordinal));

        var (action, reason) = await remover.RemoveAsync(Acr, Target(pinTag), amd64, apply: true);

        Assert.Equal((PruneAction.WouldDelete, PruneAction.Deleted), (dryRun.Action, action));
        Assert.Contains("the tag alone", reason, StringComparison.Ordinal);
        var deletes = _acr.Seen.Where(s => s.StartsWith("DELETE", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"DELETE /acr/v1/{_ns}/nginx/_tags/{pinTag} -> Reply"], deletes);
        // Nothing was asked of the manifest, so the index's child is still pullable, by digest and through the index.
        var client = _seeder.GetRequiredService<RegistryClient>();
        Assert.Equal(amd64, (await client.TryResolveAsync(ImageReference.Parse($"{TestServices.TargetRegistry}/{_ns}/nginx@{amd64}")))?.Digest);
        Assert.NotNull(await client.TryResolveAsync(ImageReference.Parse($"{TestServices.TargetRegistry}/{_ns}/nginx:1.27")));
    }

    [Fact]
    public async Task Remove_AcrRefusesTheTagDelete_FailsWithItsWords_AndDeletesNothingElse()
    {
        var (amd64, pinTag) = await PushIndexWithAPinnedChildAsync();
        var refusal = Encoding.UTF8.GetBytes("""{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}""");
        _acr.Inject(TagDelete, new Fault.Reply(403, "application/json", refusal));

        var e = await Assert.ThrowsAnyAsync<ImageWarmerException>(() =>
            _services.GetRequiredService<TagRemover>().RemoveAsync(Acr, Target(pinTag), amd64, apply: true));

        Assert.Equal(FailureKind.Unauthorized, e.Kind);
        Assert.Contains("DENIED", e.Message, StringComparison.Ordinal);
        Assert.Single(_acr.Seen, s => s.StartsWith("DELETE", StringComparison.Ordinal));
        Assert.Equal(amd64, (await _seeder.GetRequiredService<RegistryClient>()
            .TryResolveAsync(ImageReference.Parse($"{TestServices.TargetRegistry}/{_ns}/nginx:{pinTag}")))?.Digest);
    }

    public async Task DisposeAsync()
    {
        _services.Dispose();
        _seeder.Dispose();
        await _acr.DisposeAsync();
    }

    private static bool TagDelete(HttpListenerRequest request) =>
        request.HttpMethod == "DELETE" && request.Url!.AbsolutePath.StartsWith("/acr/v1/", StringComparison.Ordinal);

    private TargetImage Target(string tag) =>
        TargetImage.TryCreate($"{_ns}/nginx", tag, out var target, out var error) ? target : throw new InvalidOperationException(error);

    // nginx:1.27, an index, and its amd64 child also under the tag ImageWarmer writes for a digest-pinned declaration.
    private Task<(string Child, string PinTag)> PushIndexWithAPinnedChildAsync() =>
        TestImages.PushIndexWithPinnedChildAsync(_seeder.GetRequiredService<RegistryClient>(), TestServices.TargetRegistry, $"{_ns}/nginx", "1.27");
}
