using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Discovery.Snapshots;
using ImageWarmer.Core.Importing.Referrers;
using ImageWarmer.Core.Operations;
using ImageWarmer.Core.Operations.Nightly;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Storage;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Functions.Tests;

/// <summary>What the nightly run looks after besides imports: it records that the snapshot declares each image (without
/// counting an attempt), copies a signature added upstream to an image the target has (RefreshReferrers), and prunes a
/// tag ImageWarmer imported that nothing declared for longer than the retention window, unless the manifests had
/// problems.</summary>
public sealed class NightlyUpkeepTests : IDisposable
{
    private readonly FunctionTestHost _host = new(new Dictionary<string, string?>
    {
        ["ImageWarmer:Warming:RefreshReferrers"] = "true",
        ["ImageWarmer:Retention:After"] = "30.00:00:00",
    });
    private readonly TemporaryDirectory _manifests = new();

    [Fact]
    public async Task Run_RecordsDeclarations_CopiesALateSignature_PrunesWhatWentUndeclared()
    {
        var (ns, client) = (_host.Namespace, _host.Get<RegistryClient>());
        var image = await TestImages.PushAsync(client, "docker.io", $"{ns}/kept", "1.0.0");
        await TestImages.CopyAsync(client, "docker.io", $"{ns}/kept", "1.0.0", TestServices.TargetRegistry, $"{ns}/kept");
        var signature = await TestReferrers.PushCosignSignatureAsync(client, "docker.io", $"{ns}/kept", image);
        var old = await TestImages.PushAsync(client, TestServices.TargetRegistry, $"{ns}/old", "1.0.0");
        await ImportedWeeksAgoAsync($"{ns}/old:1.0.0", old);
        _manifests.Write("imagewarmer.yaml", $"images:\n  - {ns}/kept:1.0.0\n");
        await PushSnapshotAsync();

        var (report, _) = await _host.Get<NightlyOperation>().RunAsync(new NightlyRequest());

        Assert.Equal((1, 1), (report.ReferrersCopied, Assert.Single(report.Items).Referrers));
        Assert.Equal(signature, await Skopeo.DigestAsync($"{TestServices.TargetRegistry}/{ns}/kept:{ReferrerTags.Fallback(image)}.sig"));
        Assert.Equal([$"{ns}/old:1.0.0"], report.Pruned);
        Assert.Null(await client.TryResolveAsync(ImageReference.Parse($"{TestServices.TargetRegistry}/{ns}/old:1.0.0")));
        var ledger = _host.Get<IStatusLedger>();
        Assert.Null(await ledger.GetAsync($"{ns}/old:1.0.0"));
        var declared = await ledger.GetAsync($"{ns}/kept:1.0.0");
        Assert.Equal((0, report.StartedAt), (declared?.Attempts, declared?.LastDeclared));
    }

    [Fact]
    public async Task Run_ManifestsWithProblems_PruneNothing()
    {
        var (ns, client) = (_host.Namespace, _host.Get<RegistryClient>());
        var old = await TestImages.PushAsync(client, TestServices.TargetRegistry, $"{ns}/old", "1.0.0");
        await ImportedWeeksAgoAsync($"{ns}/old:1.0.0", old);
        await TestImages.PushAsync(client, "docker.io", $"{ns}/kept", "1.0.0");
        _manifests.Write("imagewarmer.yaml", $"images:\n  - {ns}/kept:1.0.0\n");
        _manifests.Write("broken/Dockerfile", "FROM $UNSET\n");
        await PushSnapshotAsync();

        var (report, _) = await _host.Get<NightlyOperation>().RunAsync(new NightlyRequest());

        Assert.Null(report.Pruned);
        Assert.Contains("problems", report.PruneSkipped, StringComparison.Ordinal);
        Assert.NotNull(await client.TryResolveAsync(ImageReference.Parse($"{TestServices.TargetRegistry}/{ns}/old:1.0.0")));
    }

    public void Dispose()
    {
        _host.Dispose();
        _manifests.Dispose();
    }

    // The same ledger table, written by a clock 40 days behind.
    private async Task ImportedWeeksAgoAsync(string target, string digest)
    {
        using var weeksAgo = RegistryTestHost.Build(
            new Dictionary<string, string?>
            {
                ["ImageWarmer:Storage:ConnectionString"] = TestServices.StorageConnectionString,
                ["ImageWarmer:Storage:LedgerTable"] = _host.Get<IOptions<StorageOptions>>().Value.LedgerTable,
            },
            services => services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(DateTimeOffset.UtcNow.AddDays(-40))));
        await weeksAgo.GetRequiredService<IStatusLedger>().RecordAsync(
            new LedgerRecord(target, $"docker.io/{target}", digest, digest, LedgerResult.Imported, null, "test", "imagewarmer.yaml:2") { ImportedDigest = digest });
    }

    private Task PushSnapshotAsync() => _host.Get<SnapshotPublisher>().PushAsync(
        new DirectorySnapshotSource(_manifests.Path, _host.Get<IOptions<SnapshotOptions>>().Value), new Dictionary<string, string>());
}
