using ImageWarmer.Bench;

// bench/run.sh drives these verbs; see README "Performance".
return args switch
{
    ["generate", var directory, var count] => SyntheticRepository.Generate(directory, Number(count)),
    ["pack", var directory, var archive] => await ScanBenchmark.PackAsync(directory, archive),
    ["scan", var path, var runs] => await ScanBenchmark.RunAsync(path, Number(runs)),
    ["seed", var manifests, var upstream] => await RegistrySeeder.SeedManifestsAsync(manifests, upstream),
    ["seed-big", var upstream, var repository, var tag, var megabytes] => await RegistrySeeder.SeedBigAsync(upstream, repository, tag, Number(megabytes)),
    ["seed-image", var upstream, var repository, var tag] => await RegistrySeeder.SeedBigAsync(upstream, repository, tag, 1),
    ["seed-catalog", var directory, var count, var inTarget, var tagKind, var upstream, var target] =>
        await RegistrySeeder.SeedCatalogAsync(directory, Number(count), Number(inTarget), tagKind, upstream, target, 256),
    ["seed-catalog", var directory, var count, var inTarget, var tagKind, var upstream, var target, var layerKiB] =>
        await RegistrySeeder.SeedCatalogAsync(directory, Number(count), Number(inTarget), tagKind, upstream, target, Number(layerKiB) * 1024),
    ["referrers-flood", var pages] => await ReferrersFlood.ServeAsync(Number(pages)),
    _ => Usage(),
};

static int Number(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("""
        usage: ImageWarmer.Bench generate <dir> <manifests>
               ImageWarmer.Bench pack <dir> <archive.tar.gz>
               ImageWarmer.Bench scan <dir|archive> <runs>
               ImageWarmer.Bench seed <manifests-dir> <upstream host:port>
               ImageWarmer.Bench seed-catalog <dir> <count> <in-target> immutable|floating <upstream host:port> <target host:port> [<layer KiB>]
               ImageWarmer.Bench seed-big <upstream host:port> <repository> <tag> <MiB>
               ImageWarmer.Bench seed-image <upstream host:port> <repository> <tag>
               ImageWarmer.Bench referrers-flood <pages>
        """);
    return 1;
}
