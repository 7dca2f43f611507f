using System.Globalization;
using System.Text;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Tests.Registry.Hostile;
using ImageWarmer.Core.Warming;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Reply = ImageWarmer.Testing.HostileServer.Reply;

namespace ImageWarmer.Core.Tests.Warming;

/// <summary>An upstream that tries to make one warm run fetch without end: an index listing 30 indexes (and one of them
/// 30 more times), each listing one leaf 30 times, and a referrers API of 60 full pages. Each distinct manifest is
/// fetched once, a graph past its cap fails its image before the next fetch, and the referrers stop at theirs.</summary>
[Collection(TestServersCollection.Name)]
public sealed class AmplificationTests
{
    private static readonly byte[] Config = Encoding.UTF8.GetBytes("""{"architecture":"amd64","os":"linux"}""");
    private static readonly byte[] Layer = Encoding.UTF8.GetBytes("the one layer every platform shares");

    private readonly string _namespace = "amp" + Guid.NewGuid().ToString("n")[..10];
    private readonly Dictionary<string, byte[]> _manifests = [];
    private string _top = "";
    private string _leaf = "";

    [Fact]
    public async Task Warm_IndexOf30IndexesOf30Leaves_EachDistinctManifestFetchedOnce_Imported()
    {
        BuildThirtyByThirty();
        await using var upstream = HostileServer.Start(Serve);
        using var services = HostileRegistry.Build("docker.io", upstream.Url, new CapturedLogs());

        var item = Assert.Single((await Warm(services)).Items);

        Assert.Equal(WarmStatus.Imported, item.After);
        var manifestGets = upstream.Seen.Where(r => r.Method == "GET" && r.Path.Contains("/manifests/", StringComparison.Ordinal)).ToList();
        Assert.Single(manifestGets, r => r.Path.EndsWith(_leaf, StringComparison.Ordinal)); // was 901
        Assert.Equal(_manifests.Count, manifestGets.Count); // the top index, 30 indexes, the leaf: 32
        Assert.Equal(_manifests.Count, manifestGets.Select(r => r.Path).Distinct().Count());
    }

    [Fact]
    public async Task Warm_GraphPastItsCap_FailsAsInvalidInputNamingTheCap_BeforeFetchingAnyChild()
    {
        BuildThirtyByThirty();
        await using var upstream = HostileServer.Start(Serve);
        using var services = HostileRegistry.Build("docker.io", upstream.Url, new CapturedLogs(),
            more: new() { ["ImageWarmer:Registry:MaxManifestsPerImage"] = "20" });

        var item = Assert.Single((await Warm(services)).Items);

        Assert.Equal((WarmStatus.Failed, FailureKind.InvalidInput), (item.After, item.FailureKind));
        Assert.Contains("ImageWarmer:Registry:MaxManifestsPerImage", item.Error, StringComparison.Ordinal);
        Assert.Single(upstream.Seen, r => r.Method == "GET" && r.Path.Contains("/manifests/", StringComparison.Ordinal)); // the top index only
    }

    [Fact]
    public async Task Warm_ReferrersApiOf60FullPages_StopsAtTheCap_ImageStays_ReferrersErrorNamesIt()
    {
        _leaf = Add(Leaf(""));
        _top = _leaf;
        await using var upstream = HostileServer.Start(request => request.Path.Contains("/referrers/", StringComparison.Ordinal)
            ? ReferrersPage(request) : Serve(request));
        using var services = HostileRegistry.Build("docker.io", upstream.Url, new CapturedLogs(),
            more: new() { ["ImageWarmer:Warming:CopyReferrers"] = "true" });

        var item = Assert.Single((await Warm(services)).Items);

        Assert.Equal(WarmStatus.Imported, item.After);
        Assert.Contains("ImageWarmer:Registry:MaxReferrersPerSubject", item.ReferrersError, StringComparison.Ordinal);
        // 100 a page, 500 allowed: the sixth page passes the cap, and no seventh is asked for.
        Assert.Equal(6, upstream.Seen.Count(r => r.Path.Contains("/referrers/", StringComparison.Ordinal)));
        Assert.DoesNotContain(upstream.Seen, r => r.Method == "GET" && r.Path.Contains("/manifests/sha256:", StringComparison.Ordinal) && !r.Path.EndsWith(_leaf, StringComparison.Ordinal));
    }

    private Task<WarmReport> Warm(ServiceProvider services) =>
        services.GetRequiredService<WarmService>().WarmAsync([TestSpecs.For("docker.io/team/app:1", $"{_namespace}/app")], TestServices.TargetRegistry);

    // The top index lists 30 distinct indexes, then the first of them 30 more times; each lists the leaf 30 times.
    private void BuildThirtyByThirty()
    {
        _leaf = Add(Leaf(""));
        var leafSize = _manifests[_leaf].Length;
        var middles = Enumerable.Range(0, 30)
            .Select(i => Add(Index(Enumerable.Repeat(Child(MediaTypes.OciManifest, _leaf, leafSize), 30), i.ToString(CultureInfo.InvariantCulture))))
            .ToList();
        var children = middles.Concat(Enumerable.Repeat(middles[0], 30)).Select(d => Child(MediaTypes.OciIndex, d, _manifests[d].Length));
        _top = Add(Index(children, "top"));
    }

    private string Add(string manifest)
    {
        var bytes = Encoding.UTF8.GetBytes(manifest);
        var digest = Digests.Sha256(bytes);
        _manifests[digest] = bytes;
        return digest;
    }

    private Reply Serve(HostileServer.Request request)
    {
        var reference = request.Path[(request.Path.LastIndexOf('/') + 1)..];
        if (request.Path.Contains("/manifests/", StringComparison.Ordinal) && _manifests.TryGetValue(reference == "1" ? _top : reference, out var bytes))
        {
            var mediaType = Encoding.UTF8.GetString(bytes).Contains("\"manifests\"", StringComparison.Ordinal) ? MediaTypes.OciIndex : MediaTypes.OciManifest;
            return new Reply(200, bytes, new Dictionary<string, string> { ["Content-Type"] = mediaType, ["Docker-Content-Digest"] = Digests.Sha256(bytes) });
        }
        return reference == Digests.Sha256(Config) ? new Reply(200, Config)
            : reference == Digests.Sha256(Layer) ? new Reply(200, Layer)
            : Reply.NotFound();
    }

    // 100 referrers a page, each a different (absent) manifest, and a link to the next page, 60 pages in all.
    private static Reply ReferrersPage(HostileServer.Request request)
    {
        var page = request.PathAndQuery.Contains("page=", StringComparison.Ordinal)
            ? int.Parse(request.PathAndQuery[(request.PathAndQuery.IndexOf("page=", StringComparison.Ordinal) + 5)..], CultureInfo.InvariantCulture) : 0;
        var referrers = Enumerable.Range(0, 100).Select(i =>
            Child(MediaTypes.OciManifest, Digests.Sha256(Encoding.UTF8.GetBytes($"{page}-{i}")), 10, ",\"artifactType\":\"application/spdx+json\""));
        var headers = page < 59 ? new Dictionary<string, string> { ["Link"] = $"<{request.Path}?page={page + 1}>; rel=\"next\"" } : null;
        return Reply.Json(Index(referrers, "referrers"), headers);
    }

    private static string Leaf(string name) => $$$"""
        {"schemaVersion":2,"mediaType":"{{{MediaTypes.OciManifest}}}","config":{{{Child(MediaTypes.OciConfig, Digests.Sha256(Config), Config.Length)}}},
        "layers":[{{{Child(MediaTypes.OciLayerGzip, Digests.Sha256(Layer), Layer.Length)}}}],"annotations":{"name":"{{{name}}}"}}
        """;

    private static string Index(IEnumerable<string> children, string name) =>
        $$$"""{"schemaVersion":2,"mediaType":"{{{MediaTypes.OciIndex}}}","manifests":[{{{string.Join(",", children)}}}],"annotations":{"name":"{{{name}}}"}}""";

    private static string Child(string mediaType, string digest, int size, string more = "") =>
        $$$"""{"mediaType":"{{{mediaType}}}","digest":"{{{digest}}}","size":{{{size}}}{{{more}}}}""";
}
