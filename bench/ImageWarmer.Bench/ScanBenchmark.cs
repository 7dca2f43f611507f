using System.Diagnostics;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Discovery.Snapshots;

namespace ImageWarmer.Bench;

/// <summary>Scans a folder or archive several times in one process and prints the median, the spread and peak memory.</summary>
internal static class ScanBenchmark
{
    public static async Task<int> PackAsync(string directory, string archive)
    {
        await using var file = File.Create(archive);
        var (packed, _) = await SnapshotArchiveWriter.WriteAsync(new DirectorySnapshotSource(directory, new SnapshotOptions()), file);
        Console.WriteLine($"packed {packed} manifests into {archive} ({file.Length:N0} bytes)");
        return 0;
    }

    public static async Task<int> RunAsync(string path, int runs)
    {
        var options = new SnapshotOptions();
        ISnapshotSource source = Directory.Exists(path) ? new DirectorySnapshotSource(path, options) : new LocalArchiveSnapshotSource(path, options);
        var scanner = ManifestScanner.CreateDefault(new DiscoveryOptions(), options);
        var times = new List<double>();
        ScanResult? result = null;
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            result = await scanner.ScanAsync(source);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        var first = times[0];
        times.Sort();
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(
            $"scan {path}: files={result!.FilesScanned} images={result.Images.Count} skipped={result.Skipped.Count} problems={result.Problems.Count} "
            + $"runs={runs} first={first:F0}ms median={times[times.Count / 2]:F0}ms max={times[^1]:F0}ms "
            + $"peakWorkingSet={process.PeakWorkingSet64 / (1024 * 1024)}MiB");
        return 0;
    }
}
