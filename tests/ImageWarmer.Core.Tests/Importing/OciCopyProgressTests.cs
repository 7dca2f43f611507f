using ImageWarmer.Core.Importing;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Core.Tests.Importing;

/// <summary>The copy's progress: enough for a bar, not one report per socket read.</summary>
public sealed class OciCopyProgressTests : IDisposable
{
    private const int LayerBytes = 3 * 1024 * 1024;
    private readonly string _namespace = "p" + Guid.NewGuid().ToString("n")[..10];
    private readonly ServiceProvider _services = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());

    [Fact]
    public async Task Import_ThreeMiBLayer_ReportsAboutOncePerMiB_EndsAtTheTotal()
    {
        var client = _services.GetRequiredService<RegistryClient>();
        var digest = await TestImages.PushAsync(client, "docker.io", $"{_namespace}/big", "1.0.0", LayerBytes);
        var progress = new RecordingProgress<ImportProgress>();
        var request = new ImportRequest(TestSpecs.For($"docker.io/{_namespace}/big:1.0.0"), TestServices.TargetRegistry, Overwrite: false, null)
        {
            SourceDigest = digest,
        };

        await _services.GetRequiredService<OciCopyImporter>().ImportAsync(request, progress);

        var reports = progress.Reports;
        var total = Assert.Single(reports.Select(r => r.BytesTotal).Distinct());
        Assert.True(total > LayerBytes);
        Assert.Equal(total, reports[^1].BytesDone);
        // Three MiB boundaries and the end (the config may add one): a report per 16 KiB read would be ~190.
        Assert.InRange(reports.Count, 3, 6);
    }

    public void Dispose() => _services.Dispose();
}
