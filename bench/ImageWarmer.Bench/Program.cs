using ImageWarmer.Bench;

// bench/run.sh drives these verbs; see README "Performance".
return args switch
{
    ["generate", var directory, var count] => SyntheticRepository.Generate(directory, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)),
    ["pack", var directory, var archive] => await ScanBenchmark.PackAsync(directory, archive),
    ["scan", var path, var runs] => await ScanBenchmark.RunAsync(path, int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ImageWarmer.Bench generate <dir> <manifests> | pack <dir> <archive.tar.gz> | scan <dir|archive> <runs>");
    return 1;
}
