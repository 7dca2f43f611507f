using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Importing;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Reply = ImageWarmer.Testing.HostileServer.Reply;

namespace ImageWarmer.Core.Tests.Importing;

/// <summary>
/// The OCI copy's own promises, each shown where only the copy keeps it: its digest check against a target that checks
/// nothing, its retries of a blob (a hiccup yes, a refusal no), its idle timer re-armed by every byte, its progress,
/// and a tag someone else wrote meanwhile left standing. Upstream is the real registry behind the fault proxy; the
/// registry client's own HTTP retries are off, so every retry counted here is the copy's.
/// </summary>
public sealed class OciCopyImporterTests : IAsyncLifetime
{
    private readonly string _namespace = "o" + Guid.NewGuid().ToString("n")[..10];
    private readonly Dictionary<string, (string Digest, string Layer)> _images = [];
    private FaultProxy _proxy = null!;
    private ServiceProvider _services = null!;
    private ServiceProvider _seeder = null!;

    public Task InitializeAsync()
    {
        _proxy = FaultProxy.Start(TestServices.UpstreamRegistry);
        _services = RegistryTestHost.Build(new Dictionary<string, string?>(RegistryTestHost.DockerHubAt(_proxy.Address))
        {
            ["ImageWarmer:Registry:BlobIdleTimeout"] = "00:00:02",
            ["ImageWarmer:Registry:MaxRetryAttempts"] = "0",
        });
        _seeder = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());
        return Task.CompletedTask;
    }

    // An index may list indexes; a hostile upstream could nest them without end. Three levels below the top are copied,
    // a fourth is refused before anything of it is written.
    [Theory]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public async Task Import_IndexesNested_CopiedToThreeLevels_DeeperRefused(int wrappers, bool copied)
    {
        var repository = $"{_namespace}/nested{wrappers}";
        var digest = await TestImages.PushIndexAsync(Seeder, "docker.io", repository, "inner", ["amd64"]);
        for (var i = 0; i < wrappers; i++)
        {
            var inner = (await Seeder.TryGetManifestAsync(ImageReference.Parse($"docker.io/{repository}@{digest}")))!;
            var index = JsonSerializer.SerializeToUtf8Bytes(new
            {
                schemaVersion = 2,
                mediaType = MediaTypes.OciIndex,
                manifests = new[] { new { mediaType = MediaTypes.OciIndex, digest, size = inner.Bytes.Length } },
            });
            digest = await Seeder.PutManifestAsync(new RepositoryRef("docker.io", repository), i == wrappers - 1 ? "1.0.0" : $"wrap{i}", MediaTypes.OciIndex, index);
        }
        _images[$"nested{wrappers}"] = (digest, "");

        var import = Importer.ImportAsync(Request($"nested{wrappers}", overwrite: false));

        if (copied)
        {
            Assert.Equal(digest, (await import).Digest);
            Assert.Equal(digest, await TargetDigest($"nested{wrappers}"));
        }
        else
        {
            var e = await Assert.ThrowsAsync<ImportFailedException>(() => import);
            Assert.Equal(FailureKind.InvalidInput, e.Kind);
            Assert.Contains("indexes nested more than 3 deep", e.Message, StringComparison.Ordinal);
            Assert.Null(await TargetDigest($"nested{wrappers}"));
        }
    }

    [Fact]
    public async Task Import_TagWrittenByAnotherWhileCopying_TheirsStands_UnlessOverwriteWasAsked()
    {
        var ours = await Seed("app");
        var theirs = await TestImages.PushAsync(Seeder, TestServices.TargetRegistry, $"{_namespace}/app", "1.0.0");

        var kept = await Importer.ImportAsync(Request("app", overwrite: false));

        Assert.Equal((true, theirs), (kept.AlreadyPresent, kept.Digest));
        Assert.Equal(theirs, await TargetDigest("app"));

        var replaced = await Importer.ImportAsync(Request("app", overwrite: true));

        Assert.Equal((false, ours), (replaced.AlreadyPresent, replaced.Digest));
        Assert.Equal(ours, await TargetDigest("app"));
    }

    // docker-registry checks digests itself, so against it a corrupted blob is refused twice over. A target that
    // accepts any bytes (as a registry might) shows that the copy's own check is what keeps the tag off.
    [Fact]
    public async Task Import_CorruptedBlob_TargetThatChecksNothing_RefusedByTheCopysOwnCheck_NoManifestWritten()
    {
        await using var target = HostileServer.Start(AcceptEverything);
        await Seed("bad");
        await Seed("good");
        _proxy.Inject(LayerGet("bad"), new Fault.CorruptBody());

        var e = await Assert.ThrowsAsync<DigestMismatchException>(() => Importer.ImportAsync(Request("bad", overwrite: false, target.Address)));
        var good = await Importer.ImportAsync(Request("good", overwrite: false, target.Address));

        Assert.Equal(FailureKind.Integrity, e.Kind);
        Assert.Contains($"blob {_images["bad"].Layer} of", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, LayerGets("bad")); // not retried: a wrong digest is not a hiccup
        Assert.Contains(target.Seen, r => r.Method == "PUT" && r.Path.StartsWith($"/v2/{_namespace}/bad/blobs/uploads/", StringComparison.Ordinal));
        Assert.DoesNotContain(target.Seen, r => r.Method == "PUT" && r.Path.StartsWith($"/v2/{_namespace}/bad/manifests/", StringComparison.Ordinal));
        Assert.Equal((false, _images["good"].Digest), (good.AlreadyPresent, good.Digest));
        Assert.Contains(target.Seen, r => r.Method == "PUT" && r.Path == $"/v2/{_namespace}/good/manifests/1.0.0");
    }

    [Theory]
    [InlineData(503, 2, null, 3)] // a hiccup: tried again, whole, and copied on the third try
    [InlineData(503, 3, FailureKind.Transient, 3)] // three tries, then the image fails (retryable)
    [InlineData(502, 1, null, 2)]
    [InlineData(403, 1, FailureKind.Unauthorized, 1)] // a refusal: asked once
    [InlineData(404, 1, FailureKind.NotFound, 1)]
    [InlineData(400, 1, FailureKind.Refused, 1)]
    public async Task Import_BlobAnsweredWithAnError_HiccupsTriedAgainRefusalsNot(int status, int times, FailureKind? fails, int layerGets)
    {
        await Seed("app");
        _proxy.Inject(LayerGet("app"), new Fault.Status(status), times);

        var failure = await Record.ExceptionAsync(() => Importer.ImportAsync(Request("app", overwrite: false)));

        Assert.Equal(fails, (failure as ImageWarmerException)?.Kind);
        Assert.Equal(layerGets, LayerGets("app"));
        Assert.Equal(fails is null ? _images["app"].Digest : null, await TargetDigest("app"));
    }

    [Fact]
    public async Task Import_ConnectionResetMidBlob_SentAgainWhole_ProgressTakesBackWhatWasLost()
    {
        await Seed("app");
        _proxy.Inject(LayerGet("app"), new Fault.ResetMidBody(), times: 1);
        var progress = new RecordingProgress<ImportProgress>();

        var result = await Importer.ImportAsync(Request("app", overwrite: false), progress);

        Assert.Equal((false, 2), (result.AlreadyPresent, result.BlobsCopied));
        Assert.Equal(2, LayerGets("app"));
        var total = Assert.Single(progress.Reports.Select(r => r.BytesTotal).Distinct());
        Assert.Equal(result.BytesCopied, total);
        Assert.All(progress.Reports, r => Assert.InRange(r.BytesDone, 0, total));
        Assert.Equal(total, progress.Reports.Max(r => r.BytesDone));
        Assert.All(progress.Reports, r => Assert.Equal($"{TestServices.TargetRegistry}/{_namespace}/app:1.0.0", r.Target));
    }

    // A slow source that keeps sending: every byte re-arms the idle timer, so a blob may take longer than
    // BlobIdleTimeout in all. (The pieces come 0.4 s apart, the timer is 2 s, the whole blob takes over 2.8 s.)
    [Fact]
    public async Task Import_SlowButSteadyBlob_LongerThanTheIdleTimeoutInAll_CopiedInOneGo()
    {
        await Seed("slow");
        _proxy.Inject(LayerGet("slow"), new Fault.Trickle(Pieces: 8, Pause: TimeSpan.FromMilliseconds(400)));

        var result = await Importer.ImportAsync(Request("slow", overwrite: false));

        Assert.Equal((false, _images["slow"].Digest), (result.AlreadyPresent, result.Digest));
        Assert.Equal(1, LayerGets("slow"));
        Assert.Contains(_proxy.Seen, s => s.EndsWith("-> Trickle", StringComparison.Ordinal));
        Assert.Equal(_images["slow"].Digest, await Skopeo.DigestAsync($"{TestServices.TargetRegistry}/{_namespace}/slow:1.0.0"));
    }

    public async Task DisposeAsync()
    {
        _services.Dispose();
        _seeder.Dispose();
        await _proxy.DisposeAsync();
    }

    private OciCopyImporter Importer => _services.GetRequiredService<OciCopyImporter>();

    private RegistryClient Seeder => _seeder.GetRequiredService<RegistryClient>();

    private ImportRequest Request(string name, bool overwrite, string? targetRegistry = null) =>
        new(TestSpecs.For($"docker.io/{_namespace}/{name}:1.0.0"), targetRegistry ?? TestServices.TargetRegistry, overwrite, null)
        {
            SourceDigest = _images[name].Digest,
        };

    private async Task<string> Seed(string name)
    {
        var layer = RandomNumberGenerator.GetBytes(256 * 1024);
        var digest = await TestImages.PushAsync(Seeder, "docker.io", $"{_namespace}/{name}", "1.0.0", layer);
        _images[name] = (digest, Digests.Sha256(layer));
        return digest;
    }

    private Func<HttpListenerRequest, bool> LayerGet(string name) =>
        r => r.HttpMethod == "GET" && r.Url!.AbsolutePath == $"/v2/{_namespace}/{name}/blobs/{_images[name].Layer}";

    private int LayerGets(string name) =>
        _proxy.Seen.Count(s => s.StartsWith($"GET /v2/{_namespace}/{name}/blobs/{_images[name].Layer} ", StringComparison.Ordinal));

    private async Task<string?> TargetDigest(string name) =>
        (await Seeder.TryResolveAsync(ImageReference.Parse($"{TestServices.TargetRegistry}/{_namespace}/{name}:1.0.0")))?.Digest;

    // A registry that takes whatever it is sent and checks nothing: no blob or manifest is ever there, every upload
    // and manifest is accepted.
    private static Reply AcceptEverything(HostileServer.Request request) => (request.Method, request.Path) switch
    {
        ("POST", var path) when path.EndsWith("/blobs/uploads/", StringComparison.Ordinal) =>
            new Reply(202, [], new Dictionary<string, string> { ["Location"] = $"{path}{Guid.NewGuid():n}" }),
        ("PUT", var path) when path.Contains("/blobs/uploads/", StringComparison.Ordinal) => new Reply(201, []),
        ("PUT", var path) when path.Contains("/manifests/", StringComparison.Ordinal) => new Reply(201, []),
        _ => Reply.NotFound(),
    };
}
