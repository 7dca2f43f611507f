using System.Text;
using System.Text.Json;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Tests.Registry.Hostile;
using ImageWarmer.Core.Warming;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Reply = ImageWarmer.Testing.HostileServer.Reply;

namespace ImageWarmer.Core.Tests.Warming;

/// <summary>One image's bad data fails that image only: a warm run over a hostile upstream whose manifests lie (a size
/// of 1.5, a child digest that is not one, sizes that overflow their sum) and a target too long for the registry
/// reports each of those images failed with the reason, and imports the good one.</summary>
[Collection(TestServersCollection.Name)]
public sealed class HostileUpstreamTests
{
    private const string Bogus = "sha256:3333333333333333333333333333333333333333333333333333333333333333";
    private static readonly byte[] Config = Encoding.UTF8.GetBytes("""{"architecture":"amd64","os":"linux"}""");
    private static readonly byte[] Layer = Encoding.UTF8.GetBytes("the one good layer");

    private readonly string _namespace = "u" + Guid.NewGuid().ToString("n")[..10];

    [Fact]
    public async Task Warm_ManifestsThatLie_FailTheirImageOnly_WithTheReason_GoodImageImported()
    {
        var manifests = new Dictionary<string, string>
        {
            ["good"] = Manifest(Descriptor(MediaTypes.OciConfig, Digests.Sha256(Config), Config.Length.ToString()),
                Descriptor(MediaTypes.OciLayerGzip, Digests.Sha256(Layer), Layer.Length.ToString())),
            ["float"] = Manifest(Descriptor(MediaTypes.OciConfig, Bogus, "1.5")),
            ["overflow"] = Manifest(Descriptor(MediaTypes.OciConfig, Bogus, "9000000000000000000"),
                Descriptor(MediaTypes.OciLayerGzip, Bogus, "9000000000000000000")),
            ["index"] = $$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciIndex}}","manifests":[{{Descriptor(MediaTypes.OciManifest, "sha256:not-a-digest", "10")}}]}""",
        };
        await using var upstream = HostileServer.Start(r => Serve(r, manifests));
        using var services = HostileRegistry.Build("docker.io", upstream.Url, new CapturedLogs());
        var longRepository = $"{_namespace}/{new string('l', 240)}";
        ImportSpec[] specs = [Spec("good", $"{_namespace}/good"), Spec("float", $"{_namespace}/float"), Spec("overflow", $"{_namespace}/overflow"),
            Spec("index", $"{_namespace}/index"), Spec("good", longRepository)];

        var report = await services.GetRequiredService<WarmService>().WarmAsync(specs, TestServices.TargetRegistry);

        var byTarget = report.Items.ToDictionary(i => i.Spec.Target.Repository);
        Assert.Equal(WarmStatus.Imported, byTarget[$"{_namespace}/good"].After);
        Assert.Equal(Digests.Sha256(Encoding.UTF8.GetBytes(manifests["good"])),
            (await services.GetRequiredService<RegistryClient>().TryResolveAsync(ImageReference.Parse($"{TestServices.TargetRegistry}/{_namespace}/good:1")))?.Digest);
        AssertFailed(byTarget[$"{_namespace}/float"], "config (sha256:3333333333333333333333333333333333333333333333333333333333333333) has a size that is not a whole number of bytes");
        AssertFailed(byTarget[$"{_namespace}/overflow"], "its blob sizes add up to more than 9,223,372,036,854,775,807 bytes");
        AssertFailed(byTarget[$"{_namespace}/index"], "manifests[0] has a digest that is not one");
        AssertFailed(byTarget[longRepository], $"the ACR name {TestServices.TargetRegistry}/{longRepository} would be {TestServices.TargetRegistry.Length + 1 + longRepository.Length} characters");
    }

    private static void AssertFailed(WarmItem item, string reason)
    {
        Assert.Equal((WarmStatus.Failed, FailureKind.InvalidInput, false), (item.After, item.FailureKind, item.Retryable));
        Assert.Contains(reason, item.Error, StringComparison.Ordinal);
    }

    private ImportSpec Spec(string upstreamName, string target)
    {
        Assert.True(TargetImage.TryCreate(target, "1", out var named, out var error), error);
        return new ImportSpec(ImageReference.Parse($"docker.io/team/{upstreamName}:1"), named, [new ImageOrigin("Dockerfile", 1, ManifestKind.Dockerfile)]);
    }

    private static Reply Serve(HostileServer.Request request, Dictionary<string, string> manifests)
    {
        var parts = request.Path.Split('/');
        // By tag (the plan's HEAD) and by digest (the import fetches the digest the plan saw).
        if (parts is ["", "v2", "team", var name, "manifests", var reference] && manifests.TryGetValue(name, out var manifest)
            && (reference == "1" || reference == Digests.Sha256(Encoding.UTF8.GetBytes(manifest))))
        {
            var bytes = Encoding.UTF8.GetBytes(manifest);
            var mediaType = JsonDocument.Parse(bytes).RootElement.GetProperty("mediaType").GetString()!;
            return new Reply(200, bytes, new Dictionary<string, string> { ["Content-Type"] = mediaType, ["Docker-Content-Digest"] = Digests.Sha256(bytes) });
        }
        if (request.Path.EndsWith(Digests.Sha256(Config), StringComparison.Ordinal))
        {
            return new Reply(200, Config);
        }
        return request.Path.EndsWith(Digests.Sha256(Layer), StringComparison.Ordinal) ? new Reply(200, Layer) : Reply.NotFound();
    }

    private static string Descriptor(string mediaType, string digest, string size) =>
        $$"""{"mediaType":"{{mediaType}}","digest":"{{digest}}","size":{{size}}}""";

    private static string Manifest(string config, params string[] layers) =>
        $$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciManifest}}","config":{{config}},"layers":[{{string.Join(",", layers)}}]}""";
}
