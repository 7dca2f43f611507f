using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Discovery.Snapshots;
using ImageWarmer.Core.Operations;
using ImageWarmer.Core.Operations.Plan;
using ImageWarmer.Core.Planning;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Core.Tests.Discovery;

/// <summary>A Docker Hub repository of 239 characters is a valid reference on its own, but <c>{acr}/{repository}</c> is
/// longer than the grammar allows: found when the manifests are read, as a problem naming the file and line, while
/// every other image is planned.</summary>
[Collection(TestServersCollection.Name)]
public sealed class TargetLengthTests : IDisposable
{
    private static readonly string LongRepository = "team/" + new string('r', 234);
    private readonly TemporaryDirectory _tree = new();

    [Fact]
    public async Task ScanAsync_TargetTooLongForTheRegistry_ProblemAtItsLine_OthersKept()
    {
        _tree.Write("svc/Dockerfile", $"FROM nginx:1.27.0\nFROM {LongRepository}:1\n");
        var options = new SnapshotOptions();

        var result = await ManifestScanner.CreateDefault(new DiscoveryOptions(), options)
            .ScanAsync(new DirectorySnapshotSource(_tree.Path, options), "myacr.azurecr.io");

        Assert.Equal(["docker.io/library/nginx:1.27.0"], result.Images.Select(i => i.Source.FullyQualified));
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("svc/Dockerfile", (int?)2), (problem.Path, problem.Line));
        Assert.Equal($"cannot warm {LongRepository}:1: the ACR name myacr.azurecr.io/{LongRepository} would be 256 characters; a reference name is at most 255",
            problem.Message);
    }

    [Fact]
    public async Task ScanAsync_NoTargetRegistryKnown_TheSameLineIsAnImage()
    {
        _tree.Write("svc/Dockerfile", $"FROM {LongRepository}:1\n");
        var options = new SnapshotOptions();

        var result = await ManifestScanner.CreateDefault(new DiscoveryOptions(), options).ScanAsync(new DirectorySnapshotSource(_tree.Path, options));

        Assert.Equal([$"docker.io/{LongRepository}:1"], result.Images.Select(i => i.Source.FullyQualified));
    }

    [Fact]
    public async Task Plan_OneTargetTooLong_TheRestIsPlanned()
    {
        // One character too long for the test's target registry, whatever its port.
        var tooLong = "team/" + new string('r', 256 - 1 - TestServices.TargetRegistry.Length - "team/".Length);
        _tree.Write("svc/Dockerfile", $"FROM {tooLong}:1\nFROM library/never-pushed-{Guid.NewGuid():n}:1\n");
        using var services = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());

        var result = await services.GetRequiredService<PlanOperation>().RunAsync(new PlanRequest(_tree.Path, TestServices.TargetRegistry));

        Assert.Equal(PlanStatus.SourceMissing, Assert.Single(result.Plan.Items).Status);
        Assert.Equal(("svc/Dockerfile", (int?)1), (Assert.Single(result.Scan.Problems).Path, Assert.Single(result.Scan.Problems).Line));
    }

    public void Dispose() => _tree.Dispose();
}
