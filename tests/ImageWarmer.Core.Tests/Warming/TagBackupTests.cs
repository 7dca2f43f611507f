using System.Net;
using System.Text.Json;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Warming;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Core.Tests.Warming;

/// <summary>Nothing replaced is lost: under DriftPolicy Reimport, the image a moved tag pointed at is kept under its
/// backup tag (same digest, nothing copied) before the tag moves; when no backup can be made, the tag stays.</summary>
public sealed class TagBackupTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);
    private readonly string _namespace = "k" + Guid.NewGuid().ToString("n")[..10];
    private readonly string _target = TestServices.TargetRegistry;
    // The ledger a replacement needs as proof: every run here records in it, as the operations do.
    private readonly string _ledgerTable = "backup" + Guid.NewGuid().ToString("n")[..12];

    [Fact]
    public async Task WarmAsync_ReimportOfAMovedTag_KeepsTheOldImageUnderTheBackupTagFirst()
    {
        using var services = Services();
        var client = services.GetRequiredService<RegistryClient>();
        var first = await TestImages.PushAsync(client, "docker.io", $"{_namespace}/app", "latest");
        await Warm(services);
        var second = await TestImages.PushAsync(client, "docker.io", $"{_namespace}/app", "latest");
        var mark = TargetLog().Count;

        var item = (await Warm(services)).Items[0];

        Assert.Equal((WarmStatus.Imported, new KeptTag("latest-prev-20261129", first)), (item.After, item.Backup));
        Assert.Equal(second, await Skopeo.DigestAsync($"{_target}/{_namespace}/app:latest"));
        Assert.Equal(first, await Skopeo.DigestAsync($"{_target}/{_namespace}/app:latest-prev-20261129"));
        var puts = TargetLog().Skip(mark).Where(l => l.StartsWith("PUT", StringComparison.Ordinal)).ToList();
        // The backup is the old manifest written under another tag: no blob moved for it, and it came before the tag moved.
        Assert.Equal($"PUT /v2/{_namespace}/app/manifests/latest-prev-20261129 201", puts[0]);
        Assert.Equal($"PUT /v2/{_namespace}/app/manifests/latest 201", puts[^1]);

        // Moved again the same day: the day's first backup stays, the next one takes the next free name.
        var third = await TestImages.PushAsync(client, "docker.io", $"{_namespace}/app", "latest");
        var again = (await Warm(services)).Items[0];

        Assert.Equal(new KeptTag("latest-prev-20261129.2", second), again.Backup);
        Assert.Equal(third, await Skopeo.DigestAsync($"{_target}/{_namespace}/app:latest"));
        Assert.Equal(first, await Skopeo.DigestAsync($"{_target}/{_namespace}/app:latest-prev-20261129"));
        Assert.Equal("app:latest-prev-20261129.2", again.ToLedgerRecord("test").BackupTarget?[(_namespace.Length + 1)..]);
    }

    [Fact]
    public async Task WarmAsync_BackupTagCannotBeMade_TheTagDoesNotMove()
    {
        using var services = Services(("ImageWarmer:Warming:BackupTag", "{tag}-prev-{yyyyMMdd}-" + new string('x', 120)));
        var client = services.GetRequiredService<RegistryClient>();
        var first = await TestImages.PushAsync(client, "docker.io", $"{_namespace}/app", "latest");
        await Warm(services);
        await TestImages.PushAsync(client, "docker.io", $"{_namespace}/app", "latest");

        var item = (await Warm(services)).Items[0];

        Assert.Equal(WarmStatus.Failed, item.After);
        Assert.Contains("not re-imported: its backup tag", item.Error, StringComparison.Ordinal);
        Assert.Equal(first, await Skopeo.DigestAsync($"{_target}/{_namespace}/app:latest"));
    }

    [Fact]
    public async Task WarmAsync_BackupTagsTakenByOtherImages_TheNinthIsTheLastTried_ThenTheTagDoesNotMove()
    {
        using var services = Services();
        var client = services.GetRequiredService<RegistryClient>();
        var first = await TestImages.PushAsync(client, "docker.io", $"{_namespace}/app", "latest");
        await Warm(services);
        foreach (var suffix in new[] { "", ".2", ".3", ".4", ".5", ".6", ".7", ".8" })
        {
            await TestImages.PushAsync(client, _target, $"{_namespace}/app", "latest-prev-20261129" + suffix);
        }
        var second = await TestImages.PushAsync(client, "docker.io", $"{_namespace}/app", "latest");

        var ninth = (await Warm(services)).Items[0];

        Assert.Equal((WarmStatus.Imported, new KeptTag("latest-prev-20261129.9", first)), (ninth.After, ninth.Backup));
        Assert.Equal(second, await Skopeo.DigestAsync($"{_target}/{_namespace}/app:latest"));

        // Now all nine hold other images than the tag's: no tenth is tried, and the tag stays.
        await TestImages.PushAsync(client, "docker.io", $"{_namespace}/app", "latest");
        var none = (await Warm(services)).Items[0];

        Assert.Equal(WarmStatus.Failed, none.After);
        Assert.Equal("not re-imported: the backup tags latest-prev-20261129 to latest-prev-20261129.9 all hold other images", none.Error);
        Assert.Equal(second, await Skopeo.DigestAsync($"{_target}/{_namespace}/app:latest"));
        Assert.Null(await client.TryResolveAsync(ImageReference.Parse($"{_target}/{_namespace}/app:latest-prev-20261129.10")));
    }

    [Fact]
    public async Task WarmAsync_AcrImport_KeepsTheOldImageByImportingTheRegistryIntoItself()
    {
        var arm = new StubHttpMessageHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));
        using var services = Services(arm, [.. FakeArm.Settings().Select(s => (s.Key, s.Value!))]);
        var client = services.GetRequiredService<RegistryClient>();
        var old = await TestImages.PushAsync(client, "docker.io", $"{_namespace}/app", "latest");
        await TestImages.CopyAsync(client, "docker.io", $"{_namespace}/app", "latest", _target, $"{_namespace}/app");
        await services.GetRequiredService<IStatusLedger>().For(TestServices.TargetRegistry).RecordAsync(new LedgerRecord(
            $"{_namespace}/app:latest", $"docker.io/{_namespace}/app:latest", old, old, LedgerResult.Imported, null, "test", "") { ImportedDigest = old });
        var moved = await TestImages.PushAsync(client, "docker.io", $"{_namespace}/app", "latest");

        var item = (await Warm(services)).Items[0];

        Assert.Equal(new KeptTag("latest-prev-20261129", old), item.Backup);
        Assert.Equal(2, arm.Requests.Count);
        using var keep = JsonDocument.Parse(arm.Requests[0].Body!);
        Assert.Equal(FakeArm.RegistryId, keep.RootElement.GetProperty("source").GetProperty("resourceId").GetString());
        Assert.False(keep.RootElement.GetProperty("source").TryGetProperty("registryUri", out _));
        Assert.Equal($"{_namespace}/app@{old}", keep.RootElement.GetProperty("source").GetProperty("sourceImage").GetString());
        Assert.Equal($"{_namespace}/app:latest-prev-20261129", keep.RootElement.GetProperty("targetTags")[0].GetString());
        Assert.Equal("NoForce", keep.RootElement.GetProperty("mode").GetString());
        using var import = JsonDocument.Parse(arm.Requests[1].Body!);
        Assert.Equal($"{_namespace}/app@{moved}", import.RootElement.GetProperty("source").GetProperty("sourceImage").GetString());
        Assert.Equal("Force", import.RootElement.GetProperty("mode").GetString());
    }

    private ServiceProvider Services(params (string Key, string Value)[] settings) => Services(null, settings);

    private ServiceProvider Services(StubHttpMessageHandler? arm, params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>(RegistryTestHost.UpstreamAsDockerHub())
        {
            ["ImageWarmer:Warming:DriftPolicy"] = "Reimport",
            ["ImageWarmer:Storage:ConnectionString"] = TestServices.StorageConnectionString,
            ["ImageWarmer:Storage:LedgerTable"] = _ledgerTable,
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        return RegistryTestHost.Build(all, services =>
        {
            services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(Day));
            if (arm is not null)
            {
                FakeArm.Use(services, arm);
            }
        });
    }

    private async Task<WarmReport> Warm(ServiceProvider services)
    {
        var report = await services.GetRequiredService<WarmService>().WarmAsync([TestSpecs.For($"docker.io/{_namespace}/app:latest")], _target);
        foreach (var item in report.Items)
        {
            await services.GetRequiredService<IStatusLedger>().For(TestServices.TargetRegistry).RecordAsync(item.ToLedgerRecord("test"));
        }
        return report;
    }

    private IReadOnlyList<string> TargetLog() => RegistryAccessLog.Requests(TestServices.TargetAccessLog, _namespace + "/");
}
