using System.Collections.Concurrent;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Importing;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Warming;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Core.Tests.Warming;

/// <summary>What the warm service makes of an importer's answer, whichever importer: a scripted one stands in, so the
/// rules are the service's own (the plan and the budget stay real: the upstream registry is behind a fault proxy).</summary>
public sealed class ImporterOutcomeTests : IAsyncLifetime
{
    private readonly string _namespace = "o" + Guid.NewGuid().ToString("n")[..10];
    private readonly ScriptedImporter _importer = new();
    private FaultProxy _proxy = null!;
    private ServiceProvider _services = null!;
    private ServiceProvider _seeder = null!;

    public Task InitializeAsync()
    {
        _proxy = FaultProxy.Start(TestServices.UpstreamRegistry);
        _services = RegistryTestHost.Build(new Dictionary<string, string?>(RegistryTestHost.DockerHubAt(_proxy.Address))
        {
            ["ImageWarmer:Warming:Importer"] = ScriptedImporter.ImporterName,
        }, services => services.AddSingleton<IImageImporter>(_importer));
        _seeder = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());
        return Task.CompletedTask;
    }

    // The tag appeared between plan and import (another worker won): it stands, and the run says present, not imported.
    [Fact]
    public async Task Warm_ImporterFoundTheTagWrittenMeanwhile_Present_WithTheDigestItFound()
    {
        await Seed();
        _importer.Answer = _ => new ImportResult(AlreadyPresent: true, "sha256:" + new string('b', 64), 0, 0, 0);

        var item = (await Warm()).Items[0];

        Assert.Equal((WarmStatus.Present, "sha256:" + new string('b', 64)), (item.After, item.TargetDigest));
    }

    [Fact]
    public async Task Warm_ImporterNamesNoDigest_TheTargetHoldsWhatThePlanSaw()
    {
        var planned = await Seed();
        _importer.Answer = _ => new ImportResult(AlreadyPresent: false, null, 10, 1, 0);

        var item = (await Warm()).Items[0];

        Assert.Equal((WarmStatus.Imported, planned, planned, 10L), (item.After, item.SourceDigest, item.TargetDigest, item.Bytes));
        Assert.Equal(planned, Assert.Single(_importer.Requests).SourceDigest);
    }

    [Fact]
    public async Task Warm_ImporterNamesADigest_ThatIsWhatTheTargetHolds()
    {
        await Seed();
        _importer.Answer = _ => new ImportResult(AlreadyPresent: false, "sha256:" + new string('c', 64), 0, 0, 0);

        var item = (await Warm()).Items[0];

        Assert.Equal((WarmStatus.Imported, "sha256:" + new string('c', 64)), (item.After, item.TargetDigest));
    }

    // ACR's import sends none of our requests upstream, so nothing would meet the spent budget: the service asks it
    // before any importer is called, and the image waits for the reset.
    [Fact]
    public async Task Warm_BudgetSpentAtThePlan_DeferredUntilTheReset_ImporterNeverCalled()
    {
        await Seed();
        _proxy.Inject(r => r.HttpMethod == "HEAD" && r.Url!.AbsolutePath.Contains($"/{_namespace}/app/manifests/", StringComparison.Ordinal),
            new Fault.RateLimitHeaders(0));

        var item = (await Warm()).Items[0];

        Assert.Equal(WarmStatus.Deferred, item.After);
        Assert.Contains("rate-limit budget exhausted", item.Error, StringComparison.Ordinal);
        Assert.True(item.RetryAfter > TimeSpan.FromHours(5), $"deferred for {item.RetryAfter}, not until the six-hour window resets");
        Assert.Empty(_importer.Requests);
    }

    [Fact]
    public async Task Warm_ImporterFails_FailedWithItsKind_TheRestGoOn()
    {
        await Seed();
        _importer.Answer = _ => throw new ImportFailedException(FailureKind.Refused, "the target refused the manifest");

        var item = (await Warm()).Items[0];

        Assert.Equal((WarmStatus.Failed, FailureKind.Refused), (item.After, item.FailureKind));
        Assert.Contains("the target refused the manifest", item.Error, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        _services.Dispose();
        _seeder.Dispose();
        await _proxy.DisposeAsync();
    }

    private Task<string> Seed() =>
        TestImages.PushAsync(_seeder.GetRequiredService<RegistryClient>(), "docker.io", $"{_namespace}/app", "1.0.0");

    private Task<WarmReport> Warm() =>
        _services.GetRequiredService<WarmService>().WarmAsync([TestSpecs.For($"docker.io/{_namespace}/app:1.0.0")], TestServices.TargetRegistry);

    private sealed class ScriptedImporter : IImageImporter
    {
        public const string ImporterName = "scripted";

        public Func<ImportRequest, ImportResult> Answer { get; set; } = _ => throw new InvalidOperationException("no answer scripted");

        public ConcurrentQueue<ImportRequest> Requests { get; } = new();

        public string Name => ImporterName;

        public Task<ImportResult> ImportAsync(ImportRequest request, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            Requests.Enqueue(request);
            return Task.FromResult(Answer(request));
        }

        public Task KeepAsync(TagBackup backup, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
