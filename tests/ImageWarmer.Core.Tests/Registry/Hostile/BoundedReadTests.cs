using System.Text;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Tests.Memory;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;
using static ImageWarmer.Core.Tests.Registry.Hostile.HostileRegistry;
using Reply = ImageWarmer.Testing.HostileServer.Reply;

namespace ImageWarmer.Core.Tests.Registry.Hostile;

/// <summary>Every body read into memory stops at its limit whatever the transfer encoding says: a hostile registry
/// that streams without end (chunked, no <c>Content-Length</c>) costs a bounded read and a failure of that request.</summary>
[Collection(MemoryBoundCollection.Name)]
public sealed class BoundedReadTests
{
    private const long MemoryBound = 16L * 1024 * 1024;

    [Fact]
    public async Task GetManifest_ChunkedBodyWithoutEnd_StopsAtMaxManifestBytes()
    {
        await using var registry = HostileServer.Start(_ => Endless("application/vnd.oci.image.manifest.v1+json"));
        using var services = Services(registry, new() { ["ImageWarmer:Registry:MaxManifestBytes"] = "65536" });
        var client = services.GetRequiredService<RegistryClient>();

        var (e, allocated) = await MeasureAsync(() => client.TryGetManifestAsync(Image("docker.io")));

        Assert.Equal(FailureKind.InvalidInput, e.Kind);
        Assert.Equal("manifest of docker.io/team/app:1 is larger than 65,536 bytes (ImageWarmer:Registry:MaxManifestBytes)", e.Message);
        Assert.InRange(allocated, 0, MemoryBound);
    }

    [Fact]
    public async Task TokenResponse_ChunkedBodyWithoutEnd_StopsAtItsLimit()
    {
        HostileServer? self = null;
        await using var registry = self = HostileServer.Start(r => r.Path == "/token"
            ? Endless("application/json")
            : Manifests(r, $"{self!.Url}/token", a => a is not null));
        using var services = Services(registry);
        var client = services.GetRequiredService<RegistryClient>();

        var (e, allocated) = await MeasureAsync(() => client.TryResolveAsync(Image("docker.io")));

        Assert.Equal(FailureKind.InvalidInput, e.Kind);
        Assert.Equal($"token endpoint {registry.Url}/token answered with more than 262,144 bytes", e.Message);
        Assert.InRange(allocated, 0, MemoryBound);
    }

    [Fact]
    public async Task ErrorBody_ChunkedWithoutEnd_StatusAloneSays_AndALongMessageIsCut()
    {
        var longMessage = new string('x', 50_000);
        await using var registry = HostileServer.Start(r => r.Path.EndsWith("/2", StringComparison.Ordinal)
            ? new Reply(400, Encoding.UTF8.GetBytes($$"""{"errors":[{"code":"DENIED","message":"{{longMessage}}"}]}"""))
            : Endless("application/json") with { Status = 400 });
        using var services = Services(registry);
        var client = services.GetRequiredService<RegistryClient>();

        var (endless, allocated) = await MeasureAsync(() => client.TryGetManifestAsync(Image("docker.io", "1")));
        var verbose = await Assert.ThrowsAsync<RegistryRequestException>(() => client.TryGetManifestAsync(Image("docker.io", "2")));

        Assert.Equal(FailureKind.Refused, endless.Kind);
        Assert.EndsWith("failed with 400 Bad Request", endless.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, MemoryBound);
        Assert.InRange(verbose.Message.Length, 1000, 1300);
        Assert.EndsWith("…", verbose.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListTags_LinkBackToAPageAlreadyRead_EndsWithAnError()
    {
        await using var registry = HostileServer.Start(_ => Reply.Json("""{"tags":["a"]}""",
            new Dictionary<string, string> { ["Link"] = "</v2/team/app/tags/list?n=100>; rel=\"next\"" }));
        using var services = Services(registry);

        var e = await Assert.ThrowsAsync<ImageWarmerException>(() => ListAsync(services, "docker.io"));

        Assert.Equal(FailureKind.InvalidInput, e.Kind);
        Assert.Contains("links back to a page already read", e.Message, StringComparison.Ordinal);
        Assert.Single(registry.Seen);
    }

    [Fact]
    public async Task ListTags_PagesWithoutEnd_StopsAtMaxTagPages()
    {
        await using var registry = HostileServer.Start(r => Reply.Json("""{"tags":["a"]}""",
            new Dictionary<string, string> { ["Link"] = $"</v2/team/app/tags/list?n=1&last={Guid.NewGuid():n}>; rel=\"next\"" }));
        using var services = Services(registry, new() { ["ImageWarmer:Registry:MaxTagPages"] = "5" });

        var e = await Assert.ThrowsAsync<ImageWarmerException>(() => ListAsync(services, "docker.io"));

        Assert.Contains("run past 5 pages (ImageWarmer:Registry:MaxTagPages)", e.Message, StringComparison.Ordinal);
        Assert.Equal(5, registry.Seen.Count);
    }

    // Few pages, each full: what a listing holds is bounded by the count of tags, not by pages × 4 MiB.
    [Fact]
    public async Task ListTags_FullPages_StopAtMaxTagListEntries_NoPageAfterIt()
    {
        var tags = string.Join(",", Enumerable.Range(0, 100).Select(i => $"\"t{i}\""));
        await using var registry = HostileServer.Start(r => Reply.Json($$"""{"tags":[{{tags}}]}""",
            new Dictionary<string, string> { ["Link"] = $"</v2/team/app/tags/list?n=100&last={Guid.NewGuid():n}>; rel=\"next\"" }));
        using var services = Services(registry, new() { ["ImageWarmer:Registry:MaxTagListEntries"] = "250" });

        var e = await Assert.ThrowsAsync<ImageWarmerException>(() => ListAsync(services, "docker.io"));

        Assert.Equal(FailureKind.InvalidInput, e.Kind);
        Assert.Contains("run past 250 (ImageWarmer:Registry:MaxTagListEntries)", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, registry.Seen.Count);
    }

    [Fact]
    public async Task ListTags_LinkToAnotherHost_NotFollowed()
    {
        await using var elsewhere = HostileServer.Start(_ => Reply.Json("""{"tags":["stolen"]}"""));
        await using var registry = HostileServer.Start(_ => Reply.Json("""{"tags":["a"]}""",
            new Dictionary<string, string> { ["Link"] = $"<{elsewhere.Url}/v2/team/app/tags/list?last=a>; rel=\"next\"" }));
        using var services = Services(registry);

        var e = await Assert.ThrowsAsync<ImageWarmerException>(() => ListAsync(services, "docker.io"));

        Assert.Contains("not a page of", e.Message, StringComparison.Ordinal);
        Assert.Empty(elsewhere.Seen);
    }

    private static async Task<List<string>> ListAsync(ServiceProvider services, string registry)
    {
        var tags = new List<string>();
        await foreach (var tag in services.GetRequiredService<RegistryClient>().ListTagsAsync(new RepositoryRef(registry, "team/app")))
        {
            tags.Add(tag);
        }
        return tags;
    }

    // Up to 256 MiB, chunked, in 64 KiB pieces: far more than any limit, and it ends when the client hangs up.
    private static Reply Endless(string contentType) => new(200, Headers: new Dictionary<string, string> { ["Content-Type"] = contentType }, Write: async body =>
    {
        var piece = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
        for (var i = 0; i < 4096; i++)
        {
            await body.WriteAsync(piece);
        }
    });

    private static ServiceProvider Services(HostileServer registry, Dictionary<string, string?>? more = null) =>
        RegistryTestHost.Build(new Dictionary<string, string?>(more ?? [])
        {
            ["ImageWarmer:Registry:Endpoints:0:Registry"] = "docker.io",
            ["ImageWarmer:Registry:Endpoints:0:Url"] = registry.Url,
            ["ImageWarmer:Registry:MaxRetryAttempts"] = "0",
        });

    private static async Task<(ImageWarmerException Failure, long Allocated)> MeasureAsync<T>(Func<Task<T>> call)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var e = await Assert.ThrowsAnyAsync<ImageWarmerException>(call);
        return (e, GC.GetTotalAllocatedBytes(precise: true) - before);
    }
}
