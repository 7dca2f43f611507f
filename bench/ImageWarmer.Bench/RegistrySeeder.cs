using System.Text;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Discovery.Snapshots;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Bench;

/// <summary>Fills local registries with synthetic images for the demo and the registry benchmarks.</summary>
internal static class RegistrySeeder
{
    /// <summary>Pushes one synthetic image upstream for every docker.io image the manifests declare (the local "Docker
    /// Hub" of run-local.sh, for samples/ or a user's own repository). An image pinned to a digest cannot be stood in
    /// for (a synthetic image has a digest of its own): it is named, and left to be reported as such.</summary>
    public static async Task<int> SeedManifestsAsync(string manifests, string upstream)
    {
        using var services = Services(upstream);
        var scan = await ManifestScanner.CreateDefault(new DiscoveryOptions(), new SnapshotOptions())
            .ScanAsync(new DirectorySnapshotSource(manifests, new SnapshotOptions()));
        var client = services.GetRequiredService<RegistryClient>();
        var sources = scan.Images.Select(i => i.Source).DistinctBy(s => s.FullyQualified).ToList();
        var pushed = 0;
        foreach (var source in sources)
        {
            if (source.Tag is null || source.Digest is not null)
            {
                Console.WriteLine($"not seeded: {source.Familiar} is pinned to a digest no synthetic image has");
            }
            else if (await client.TryResolveAsync(source) is null)
            {
                await TestImages.PushAsync(client, source.Registry, source.Repository, source.Tag);
                pushed++;
            }
        }
        Console.WriteLine($"upstream {upstream} holds {Count(sources.Count, "image")} {manifests} declares ({pushed} pushed now, "
            + $"{Count(scan.Skipped.Count, "reference")} from other registries left out, {Count(scan.Problems.Count, "manifest problem")})");
        return 0;
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    /// <summary>
    /// Pushes <paramref name="count"/> images upstream, copies the first <paramref name="inTarget"/> of them to the target
    /// (the steady state), and writes a catalog naming them all. Each image has one layer of <paramref name="layerBytes"/> random bytes.
    /// </summary>
    public static async Task<int> SeedCatalogAsync(string directory, int count, int inTarget, string tagKind, string upstream, string target, int layerBytes)
    {
        using var services = Services(upstream);
        var client = services.GetRequiredService<RegistryClient>();
        var catalog = new StringBuilder("version: 1\nimages:\n");
        var images = Enumerable.Range(0, count).Select(i => (Repository: $"bench/app{i % 50}", Tag: tagKind == "floating" ? $"stable-{i}" : $"1.0.{i}")).ToList();
        await Parallel.ForEachAsync(images.Select((image, index) => (image, index)), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (entry, token) =>
        {
            var (image, index) = entry;
            await TestImages.PushAsync(client, "docker.io", image.Repository, image.Tag, layerBytes);
            if (index < inTarget)
            {
                await TestImages.CopyAsync(client, "docker.io", image.Repository, image.Tag, target, image.Repository);
            }
        });
        foreach (var (repository, tag) in images)
        {
            catalog.Append($"  - docker.io/{repository}:{tag}\n");
        }
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "imagewarmer.yaml"), catalog.ToString());
        Console.WriteLine($"{count} images upstream ({tagKind} tags), {inTarget} of them in {target}; catalog in {directory}");
        return 0;
    }

    /// <summary>Pushes one image whose single layer is <paramref name="megabytes"/> MiB of random bytes.</summary>
    public static async Task<int> SeedBigAsync(string upstream, string repository, string tag, int megabytes)
    {
        using var services = Services(upstream);
        var layer = System.Security.Cryptography.RandomNumberGenerator.GetBytes(megabytes * 1024 * 1024);
        var digest = await TestImages.PushAsync(services.GetRequiredService<RegistryClient>(), "docker.io", repository, tag, layer);
        Console.WriteLine($"pushed {repository}:{tag} ({megabytes} MiB layer) as {digest}");
        return 0;
    }

    private static ServiceProvider Services(string upstream) => RegistryTestHost.Build(new Dictionary<string, string?>
    {
        ["ImageWarmer:Registry:Endpoints:0:Registry"] = "docker.io",
        ["ImageWarmer:Registry:Endpoints:0:Url"] = $"http://{upstream}",
    });
}
