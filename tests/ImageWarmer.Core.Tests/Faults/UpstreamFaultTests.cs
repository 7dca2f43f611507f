using System.Net;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Warming;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Core.Tests.Faults;

/// <summary>
/// Warm runs while "Docker Hub" misbehaves: a fault-injecting proxy sits in front of the upstream registry. Every
/// unaffected image completes, retried ones succeed once the fault clears, the rest are reported with the reason,
/// and the target never gets a tag for a partial or wrong image.
/// </summary>
public sealed class UpstreamFaultTests : IAsyncLifetime
{
    private readonly string _namespace = "x" + Guid.NewGuid().ToString("n")[..10];
    private FaultProxy _proxy = null!;
    private ServiceProvider _services = null!;
    private ServiceProvider _seeder = null!;

    public Task InitializeAsync()
    {
        _proxy = FaultProxy.Start(TestServices.UpstreamRegistry);
        _services = RegistryTestHost.Build(new Dictionary<string, string?>(RegistryTestHost.DockerHubAt(_proxy.Address))
        {
            ["ImageWarmer:Registry:BlobIdleTimeout"] = "00:00:01",
            ["ImageWarmer:Warming:MaxConcurrentImports"] = "1",
        });
        _seeder = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Warm_TooManyRequestsBriefly_WaitsOutRetryAfterInBothForms_ThenImports()
    {
        await Seed("a", "b");
        _proxy.Inject(Manifest(Get, "a"), new Fault.Status(429, RetryAfter: TimeSpan.FromSeconds(1)), times: 1);
        _proxy.Inject(Manifest(Get, "a"), new Fault.Status(429, RetryAfterDate: DateTimeOffset.UtcNow.AddSeconds(1)), times: 1);

        var report = await Warm("a", "b");

        Assert.Equal([WarmStatus.Imported, WarmStatus.Imported], report.Items.Select(i => i.After));
        Assert.Equal(2, _proxy.Seen.Count(s => s.Contains("/a/manifests/", StringComparison.Ordinal) && s.EndsWith("Status", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Warm_RateLimitedForHours_DefersInsteadOfFailing_AndTheFloorStopsFurtherPulls()
    {
        await Seed("a", "b");
        _proxy.Inject(r => r.HttpMethod == "GET" && r.Url!.AbsolutePath.Contains("/manifests/", StringComparison.Ordinal),
            new Fault.Status(429, RetryAfter: TimeSpan.FromHours(6), RateLimitRemaining: 0));

        var report = await Warm("a", "b");

        Assert.All(report.Items, i => Assert.Equal(WarmStatus.Deferred, i.After));
        Assert.Contains("TOOMANYREQUESTS", report.Items[0].Error, StringComparison.Ordinal);
        Assert.Contains("budget exhausted", report.Items[1].Error, StringComparison.Ordinal);
        Assert.True(report.Items[1].RetryAfter > TimeSpan.FromHours(5));
        // The second pull was never sent: the budget said no before the wire did.
        Assert.Single(_proxy.Seen, s => s.StartsWith("GET", StringComparison.Ordinal) && s.Contains("/manifests/", StringComparison.Ordinal));
        await AssertNoTag("a");
        await AssertNoTag("b");
    }

    // The proxy answers the first request of every manifest URL (the plan's HEAD by tag, the import's GET by digest)
    // with "429, Retry-After: 1, ratelimit-remaining: 0;w=21600", then forwards with 50 left: the server asked for one
    // second, and one second is what it costs (the window is how long the count lasts, not when to ask again).
    [Fact]
    public async Task Warm_TooManyRequestsWithRetryAfterOneBesideASixHourWindow_CopiesEveryImage_NothingDeferred()
    {
        string[] names = [.. Enumerable.Range(0, 10).Select(i => $"r{i}")];
        await Seed(names);
        var answered = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        _proxy.Inject(r => r.Url!.AbsolutePath.Contains("/manifests/", StringComparison.Ordinal) && answered.TryAdd(r.Url.AbsolutePath, true),
            new Fault.Status(429, RetryAfter: TimeSpan.FromSeconds(1), RateLimitRemaining: 0));
        _proxy.Inject(_ => true, new Fault.RateLimitHeaders(50));

        var report = await Warm(names);

        Assert.All(report.Items, i => Assert.Equal(WarmStatus.Imported, i.After));
        // Every manifest URL met the 429 once (the plan's HEAD, the import's GET, the referrer lookups' HEADs), and was asked again.
        Assert.Equal(answered.Count, _proxy.Seen.Count(s => s.EndsWith("Status", StringComparison.Ordinal)));
        Assert.True(answered.Count >= 20, string.Join(", ", answered.Keys));
        Assert.Equal(50, report.Traffic["docker.io"].RateLimitRemaining);
    }

    // Docker Hub's real pull-limit answer: 429, nothing left, no Retry-After. The window decides, the image waits for it.
    [Fact]
    public async Task Warm_DockerHubsPullLimitWithoutRetryAfter_DefersUntilTheWindowAllows()
    {
        await Seed("a", "b");
        _proxy.Inject(Manifest(Get, "a"), new Fault.Status(429, RateLimitRemaining: 0));
        _proxy.Inject(Manifest(Get, "b"), new Fault.Status(429, RateLimitRemaining: 0));

        var report = await Warm("a", "b");

        Assert.All(report.Items, i => Assert.Equal(WarmStatus.Deferred, i.After));
        Assert.All(report.Items, i => Assert.InRange(i.RetryAfter!.Value, TimeSpan.FromHours(5), TimeSpan.FromHours(6)));
        Assert.Single(_proxy.Seen, s => s.StartsWith("GET", StringComparison.Ordinal) && s.Contains("/manifests/", StringComparison.Ordinal));
        await AssertNoTag("a");
        await AssertNoTag("b");
    }

    [Fact]
    public async Task Warm_RateLimitedAlreadyAtThePlansHead_DefersUntilTheReset_NotFailed()
    {
        await Seed("a");
        _proxy.Inject(Manifest("HEAD", "a"), new Fault.Status(429, RetryAfter: TimeSpan.FromHours(6)));

        var item = Assert.Single((await Warm("a")).Items);

        Assert.Equal(WarmStatus.Deferred, item.After);
        Assert.InRange(item.RetryAfter!.Value, TimeSpan.FromHours(5), TimeSpan.FromHours(6));
        Assert.DoesNotContain(_proxy.Seen, s => s.StartsWith("GET", StringComparison.Ordinal));
        await AssertNoTag("a");
    }

    [Fact]
    public async Task Warm_ServerErrors_RetriedUntilTheyClear_OrReportedWhenTheyDoNot()
    {
        await Seed("a", "b", "c");
        _proxy.Inject(Manifest(Get, "a"), new Fault.Status(502), times: 2);
        _proxy.Inject(Manifest(Get, "b"), new Fault.Status(503));

        var report = await Warm("a", "b", "c");

        Assert.Equal([WarmStatus.Imported, WarmStatus.Failed, WarmStatus.Imported], report.Items.Select(i => i.After));
        Assert.Contains("503", report.Items[1].Error, StringComparison.Ordinal);
        Assert.True(report.Items[1].Retryable);
        await AssertNoTag("b");
    }

    [Fact]
    public async Task Warm_ConnectionResetMidBlob_TheBlobIsSentAgain_DigestIntact()
    {
        var digests = await Seed("a", "b");
        _proxy.Inject(Blob(Get, "a"), new Fault.ResetMidBody(), times: 1);

        var report = await Warm("a", "b");

        Assert.Equal([WarmStatus.Imported, WarmStatus.Imported], report.Items.Select(i => i.After));
        Assert.Equal(digests["a"], await Skopeo.DigestAsync($"{TestServices.TargetRegistry}/{_namespace}/a:1.0.0"));
    }

    // Mid-body, every byte received re-armed the idle timer; before the first byte only its first arming stands.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Warm_StalledBlob_GivesUpInBoundedTime_NoTag_TheRestCompletes(bool beforeTheFirstByte)
    {
        await Seed("a", "b");
        _proxy.Inject(Blob(Get, "a"), beforeTheFirstByte ? new Fault.StallBeforeAnswer() : new Fault.StallMidBody());

        var report = await Warm("a", "b");

        Assert.Equal([WarmStatus.Failed, WarmStatus.Imported], report.Items.Select(i => i.After));
        Assert.True(report.Items[0].Duration < TimeSpan.FromSeconds(30), report.Items[0].Duration.ToString());
        await AssertNoTag("a");
    }

    [Fact]
    public async Task Warm_CorruptedBlob_RefusedNeverTagged_TheRestCompletes()
    {
        await Seed("a", "b");
        _proxy.Inject(Blob(Get, "a"), new Fault.CorruptBody());

        var report = await Warm("a", "b");

        Assert.Equal([WarmStatus.Failed, WarmStatus.Imported], report.Items.Select(i => i.After));
        Assert.False(report.Items[0].Retryable);
        await AssertNoTag("a");
    }

    public async Task DisposeAsync()
    {
        _services.Dispose();
        _seeder.Dispose();
        await _proxy.DisposeAsync();
    }

    private const string Get = "GET";

    private Func<HttpListenerRequest, bool> Manifest(string method, string name) =>
        r => r.HttpMethod == method && r.Url!.AbsolutePath.StartsWith($"/v2/{_namespace}/{name}/manifests/", StringComparison.Ordinal);

    // Layer blobs only (the config is tiny and comes first; a fault on the layer hits mid-copy).
    private Func<HttpListenerRequest, bool> Blob(string method, string name) =>
        r => r.HttpMethod == method && r.Url!.AbsolutePath.StartsWith($"/v2/{_namespace}/{name}/blobs/sha256:", StringComparison.Ordinal)
            && _layers.Contains(r.Url.AbsolutePath[(r.Url.AbsolutePath.LastIndexOf('/') + 1)..]);

    private readonly HashSet<string> _layers = [];

    private async Task<Dictionary<string, string>> Seed(params string[] names)
    {
        var client = _seeder.GetRequiredService<RegistryClient>();
        var digests = new Dictionary<string, string>();
        foreach (var name in names)
        {
            var layer = System.Security.Cryptography.RandomNumberGenerator.GetBytes(256 * 1024);
            _layers.Add(Digests.Sha256(layer));
            digests[name] = await TestImages.PushAsync(client, "docker.io", $"{_namespace}/{name}", "1.0.0", layer);
        }
        return digests;
    }

    private Task<WarmReport> Warm(params string[] names) =>
        _services.GetRequiredService<WarmService>().WarmAsync([.. names.Select(Spec)], TestServices.TargetRegistry);

    private ImportSpec Spec(string name) => TestSpecs.For($"docker.io/{_namespace}/{name}:1.0.0");

    private async Task AssertNoTag(string name) =>
        Assert.Null(await _seeder.GetRequiredService<RegistryClient>().TryResolveAsync(ImageReference.Parse($"{TestServices.TargetRegistry}/{_namespace}/{name}:1.0.0")));
}
