using System.Text.Json;
using Azure.Storage.Blobs;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Discovery.Snapshots;
using ImageWarmer.Core.Operations;
using ImageWarmer.Core.Operations.Nightly;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Storage;
using ImageWarmer.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Functions.Tests;

/// <summary>The timer function called directly, over a snapshot blob in Azurite and the two local registries.</summary>
public sealed class NightlyWarmupTests : IDisposable
{
    private readonly FunctionTestHost _host = new();
    private readonly TemporaryDirectory _manifests = new();

    [Fact]
    public async Task Run_SnapshotBlob_EnqueuesExactlyTheMissingImages_AndWritesTheReport()
    {
        var ns = _host.Namespace;
        var client = _host.Get<RegistryClient>();
        foreach (var name in new[] { "present", "missing-a", "missing-b" })
        {
            await TestImages.PushAsync(client, "docker.io", $"{ns}/{name}", "1.0.0");
        }
        await TestImages.CopyAsync(client, "docker.io", $"{ns}/present", "1.0.0", TestServices.TargetRegistry, $"{ns}/present");
        _manifests.Write("imagewarmer.yaml", $"images:\n  - {ns}/present:1.0.0\n  - {ns}/missing-a:1.0.0\n  - {ns}/missing-b:1.0.0\n");
        _manifests.Write("app/Dockerfile", "FROM ghcr.io/not/allowed:1\n");
        await _host.Get<SnapshotPublisher>().PushAsync(
            new DirectorySnapshotSource(_manifests.Path, _host.Get<IOptions<SnapshotOptions>>().Value), new Dictionary<string, string>());

        await new NightlyWarmup(_host.Get<NightlyOperation>(), NullLogger<NightlyWarmup>.Instance)
            .RunAsync(new TimerInfo { IsPastDue = true }, CancellationToken.None);

        var messages = (await _host.Queue().ReceiveMessagesAsync(32)).Value;
        var requests = messages.Select(m => JsonSerializer.Deserialize<JsonElement>(m.Body.ToString()))
            .Select(m => (m.GetProperty("version").GetInt32(), m.GetProperty("source").GetString(), m.GetProperty("target").GetString()))
            .Order().ToList();
        Assert.Equal(
        [
            (1, $"docker.io/{ns}/missing-a:1.0.0", $"{ns}/missing-a:1.0.0"),
            (1, $"docker.io/{ns}/missing-b:1.0.0", $"{ns}/missing-b:1.0.0"),
        ], requests);

        var reports = new BlobServiceClient(TestServices.StorageConnectionString)
            .GetBlobContainerClient(_host.Get<IOptions<StorageOptions>>().Value.ReportsContainer);
        var blob = Assert.Single(await reports.GetBlobsAsync().ToListAsync());
        Assert.StartsWith($"{DateTimeOffset.UtcNow:yyyy-MM-dd}/", blob.Name, StringComparison.Ordinal);
        using var report = JsonDocument.Parse((await reports.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString());
        Assert.Equal(3, report.RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal(2, report.RootElement.GetProperty("enqueued").GetArrayLength());
        Assert.Equal(0, report.RootElement.GetProperty("upstream").GetProperty("docker.io").GetProperty("pulls").GetInt64());
    }

    [Fact]
    public async Task Run_ImagesAQueueMessageCannotCarry_WarmedByTheRunItself_TheRestEnqueued()
    {
        var ns = _host.Namespace;
        var client = _host.Get<RegistryClient>();
        var tool = await TestImages.PushAsync(client, "docker.io", $"{ns}/tool", "1.0.0");
        var pinned = await TestImages.PushAsync(client, "docker.io", $"{ns}/pinned", "stable");
        await TestImages.PushAsync(client, "docker.io", $"{ns}/plain", "1.0.0");
        // A repository the manifests name themselves, and a tag pinned to a digest: a worker would reject the first
        // and ask upstream about the second, so the run, which trusts the manifests, warms both.
        _manifests.Write("imagewarmer.yaml",
            $"images:\n  - source: {ns}/tool:1.0.0\n    target: {ns}/mirror/tool\n  - {ns}/pinned:stable@{pinned}\n  - {ns}/plain:1.0.0\n");
        await _host.Get<SnapshotPublisher>().PushAsync(
            new DirectorySnapshotSource(_manifests.Path, _host.Get<IOptions<SnapshotOptions>>().Value), new Dictionary<string, string>());

        var (report, _) = await _host.Get<NightlyOperation>().RunAsync(new NightlyRequest());

        var message = Assert.Single((await _host.Queue().ReceiveMessagesAsync(32)).Value);
        Assert.Equal($"docker.io/{ns}/plain:1.0.0", JsonSerializer.Deserialize<JsonElement>(message.Body.ToString()).GetProperty("source").GetString());
        Assert.Equal([($"{ns}/mirror/tool:1.0.0", "imported", tool), ($"{ns}/pinned:stable", "imported", pinned)],
            report.Warmed.Select(w => (w.Target, w.Status, w.TargetDigest)).Order());
        Assert.Equal(tool, await Skopeo.DigestAsync($"{TestServices.TargetRegistry}/{ns}/mirror/tool:1.0.0"));
        Assert.Equal(pinned, await Skopeo.DigestAsync($"{TestServices.TargetRegistry}/{ns}/pinned:stable"));
        var row = await _host.Get<StatusLedger>().GetAsync($"{ns}/mirror/tool:1.0.0");
        Assert.Equal(("imported", tool, $"nightly run {report.RunId}"), (row?.LastResult?.ToText(), row?.ImportedDigest, row?.ImportedBy));
    }

    [Fact]
    public async Task Run_ImagesWarmedByTheRunItself_OneUpstreamHeadPerImage()
    {
        var ns = _host.Namespace;
        var client = _host.Get<RegistryClient>();
        await TestImages.PushAsync(client, "docker.io", $"{ns}/tool", "1.0.0");
        var pinned = await TestImages.PushAsync(client, "docker.io", $"{ns}/pinned", "stable");
        await TestImages.PushAsync(client, "docker.io", $"{ns}/plain", "1.0.0");
        _manifests.Write("imagewarmer.yaml",
            $"images:\n  - source: {ns}/tool:1.0.0\n    target: {ns}/mirror/tool\n  - {ns}/pinned:stable@{pinned}\n  - {ns}/plain:1.0.0\n");
        await _host.Get<SnapshotPublisher>().PushAsync(
            new DirectorySnapshotSource(_manifests.Path, _host.Get<IOptions<SnapshotOptions>>().Value), new Dictionary<string, string>());
        var mark = RegistryAccessLog.Requests(TestServices.UpstreamAccessLog, ns + "/").Count;

        var (report, _) = await _host.Get<NightlyOperation>().RunAsync(new NightlyRequest());

        Assert.Equal(2, report.Warmed.Count(w => w.Status == "imported"));
        // The run plans once and warms from that plan: the images it imports itself are not asked about again.
        // (Referrer lookups ask for cosign's sha256-… tags: those are not the image.)
        var heads = RegistryAccessLog.Requests(TestServices.UpstreamAccessLog, ns + "/").Skip(mark)
            .Where(r => r.StartsWith("HEAD ", StringComparison.Ordinal) && r.Contains("/manifests/", StringComparison.Ordinal)
                && !r.Contains("/manifests/sha256-", StringComparison.Ordinal))
            .Select(r => r.Split(' ')[1])
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal([$"/v2/{ns}/pinned/manifests/{pinned}", $"/v2/{ns}/plain/manifests/1.0.0", $"/v2/{ns}/tool/manifests/1.0.0"], heads);
    }

    [Fact]
    public async Task Run_NoSnapshot_FailsClearlyInsteadOfAnEmptySuccess()
    {
        var e = await Assert.ThrowsAsync<SnapshotNotFoundException>(() =>
            new NightlyWarmup(_host.Get<NightlyOperation>(), NullLogger<NightlyWarmup>.Instance).RunAsync(new TimerInfo(), CancellationToken.None));

        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        Assert.Contains("imagewarmer snapshot push", e.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _host.Dispose();
        _manifests.Dispose();
    }
}
