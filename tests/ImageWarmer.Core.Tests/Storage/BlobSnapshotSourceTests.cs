using Azure.Storage.Blobs;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Discovery.Snapshots;
using ImageWarmer.Core.Storage;
using ImageWarmer.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Tests.Storage;

/// <summary>Snapshots in Blob storage, against the Azurite that scripts/test.sh starts.</summary>
public sealed class BlobSnapshotSourceTests
{
    private readonly SnapshotOptions _options = new() { Container = "manifests-" + Guid.NewGuid().ToString("n")[..12] };
    private readonly StorageClients _storage = new(
        Options.Create(new StorageOptions { ConnectionString = TestServices.StorageConnectionString }),
        new ConfigurationBuilder().Build());

    [Fact]
    public async Task PushThenScanBlob_Samples_SameResultAsTheFolder()
    {
        var publisher = new SnapshotPublisher(_storage, _options);
        var pushed = await publisher.PushAsync(new DirectorySnapshotSource(RepositoryPaths.Samples, _options),
            new Dictionary<string, string> { ["commit"] = "0123abc" });

        Assert.Equal(SampleExpectations.ManifestFiles, pushed.Files);
        Assert.Equal($"blob:{_options.Container}/snapshot.tar.gz", pushed.Location);
        var blob = _storage.Blobs.GetBlobContainerClient(_options.Container).GetBlobClient(_options.BlobName);
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal("0123abc", properties.Metadata["commit"]);
        Assert.True(DateTimeOffset.TryParse(properties.Metadata["createdAt"], out _));
        Assert.Equal(pushed.Bytes, properties.ContentLength);

        var result = await Scan(Sources().Open($"blob:{_options.Container}/{_options.BlobName}"));

        Assert.Equal(SampleExpectations.Images, ScanFormat.Images(result));
        Assert.Equal(SampleExpectations.Skipped, ScanFormat.Skipped(result));
        Assert.Empty(result.Problems);
    }

    [Fact]
    public async Task OpenDefaultBlob_UsesConfiguredContainerAndName()
    {
        await new SnapshotPublisher(_storage, _options).PushAsync(
            new DirectorySnapshotSource(RepositoryPaths.Samples, _options), new Dictionary<string, string>());

        var source = Sources().Open("blob:");

        Assert.Equal($"blob:{_options.Container}/snapshot.tar.gz", source.Description);
        Assert.Equal(SampleExpectations.Images, ScanFormat.Images(await Scan(source)));
    }

    [Fact]
    public async Task ScanBlobPrefix_OneBlobPerFile_FindsImagesAndReportsOversizedBlobs()
    {
        var container = _storage.Blobs.GetBlobContainerClient(_options.Container);
        await container.CreateAsync();
        await Upload(container, "repo-a/app/Dockerfile", "FROM nginx:1.27\n");
        await Upload(container, "repo-a/bundle/porter.yaml", "custom:\n  runtime_image:\n    import:\n      source: redis\n      tag: 7.4\n");
        await Upload(container, "repo-a/README.md", "FROM not-read:1\n");
        await Upload(container, "repo-a/big/Dockerfile", new string('#', (int)_options.MaxFileBytes + 1));
        await Upload(container, "repo-b/Dockerfile", "FROM other:1\n");

        var result = await Scan(Sources().Open($"blob:{_options.Container}/repo-a/"));

        Assert.Equal(
            ["docker.io/library/nginx:1.27 => library/nginx:1.27 | app/Dockerfile:1 dockerfile",
             "docker.io/library/redis:7.4 => library/redis:7.4 | bundle/porter.yaml:4 porter"],
            ScanFormat.Images(result));
        var problem = Assert.Single(result.Problems);
        Assert.Equal("big/Dockerfile", problem.Path);
        Assert.Contains("limit", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("blob:{0}/snapshot.tar.gz", "does not exist")]
    [InlineData("blob:{0}/prefix/", "does not exist")]
    public async Task ScanMissingSnapshot_ThrowsSnapshotNotFound_NeverAnEmptyResult(string location, string messageContains)
    {
        var source = Sources().Open(string.Format(System.Globalization.CultureInfo.InvariantCulture, location, _options.Container));
        var e = await Assert.ThrowsAsync<SnapshotNotFoundException>(() => Scan(source));
        Assert.Contains(messageContains, e.Message, StringComparison.Ordinal);
        Assert.Contains(_options.Container, e.Message, StringComparison.Ordinal);
    }

    private SnapshotSources Sources() => new(_storage, Options.Create(_options));

    private Task<ScanResult> Scan(ISnapshotSource source) =>
        ManifestScanner.CreateDefault(new DiscoveryOptions(), _options).ScanAsync(source);

    private static Task Upload(BlobContainerClient container, string name, string content) =>
        container.GetBlobClient(name).UploadAsync(BinaryData.FromString(content));
}
