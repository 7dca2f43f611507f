using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;
using ImageWarmer.Testing;

namespace ImageWarmer.Cli.Tests.Release;

/// <summary>What a release hands out, used as users use it: the tarball and its checksum, the .NET tool installed
/// from a folder feed (the native executable, not the managed build; the framework-dependent imagewarmer.any where no
/// native package fits), and scripts/install.sh downloading a release from a server on loopback, checksum verified,
/// refusing a tampered tarball.</summary>
public sealed class ReleaseTests(ReleaseFixture release) : IClassFixture<ReleaseFixture>
{
    // In the top-level package: which package `dotnet tool install` takes for which runtime.
    private const string PointerSettings = "tools/any/any/DotnetToolSettings.xml";

    private string Tarball => $"imagewarmer-{release.Version}-linux-x64.tar.gz";

    [Fact]
    public async Task Release_TarballHoldsOnlyTheNativeExecutable_AndSha256SumsNamesIt()
    {
        var sums = File.ReadAllLines(Path.Combine(release.Output, "SHA256SUMS"));
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(release.Output, Tarball))));
        var unpacked = release.Scratch("unpacked");
        var listing = await NativeProcess.SucceedAsync("tar", null, "-tzf", Path.Combine(release.Output, Tarball));
        await NativeProcess.SucceedAsync("tar", null, "-xzf", Path.Combine(release.Output, Tarball), "-C", unpacked);
        var version = await NativeProcess.SucceedAsync(Path.Combine(unpacked, "imagewarmer"), null, "--version");

        Assert.Equal([$"{hash}  {Tarball}"], sums);
        Assert.Equal("imagewarmer", listing.Trim());
        Assert.True(NativeProcess.IsElf(Path.Combine(unpacked, "imagewarmer")));
        Assert.StartsWith(release.Version, version.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolInstall_FromAFolderFeed_InstallsTheNativeExecutable()
    {
        var tools = release.Scratch("tools");

        await NativeProcess.SucceedAsync("dotnet", null, "tool", "install", "imagewarmer", "--tool-path", tools,
            "--add-source", Path.Combine(release.Output, "packages"));
        var help = await NativeProcess.SucceedAsync(Path.Combine(tools, "imagewarmer"), null, "ensure", "--help");

        var installed = Directory.EnumerateFiles(Path.Combine(tools, ".store"), "*", SearchOption.AllDirectories).ToList();
        var executable = Assert.Single(installed, f => f.EndsWith("/linux-x64/imagewarmer", StringComparison.Ordinal));
        Assert.True(NativeProcess.IsElf(executable));
        Assert.DoesNotContain(installed, f => f.EndsWith("imagewarmer.dll", StringComparison.Ordinal)); // not the managed build
        Assert.Contains("--manifests", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolPackage_PointsToEveryNativeRuntimeAndTheFrameworkDependentFallback()
    {
        var packages = Path.Combine(release.Output, "packages");

        var pointer = RuntimePackages(Path.Combine(packages, $"imagewarmer.{release.Version}.nupkg"));
        using var fallback = ZipFile.OpenRead(Path.Combine(packages, $"imagewarmer.any.{release.Version}.nupkg"));
        var settings = XDocument.Load(fallback.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open());
        var unpacked = release.Scratch("any");
        fallback.ExtractToDirectory(unpacked);
        var version = await NativeProcess.SucceedAsync("dotnet", null, Path.Combine(unpacked, "tools", "net10.0", "any", "imagewarmer.dll"), "--version");

        Assert.Equal(
            [("linux-x64", "imagewarmer.linux-x64"), ("linux-arm64", "imagewarmer.linux-arm64"), ("any", "imagewarmer.any")],
            pointer.Select(p => ((string)p.Attribute("RuntimeIdentifier")!, (string)p.Attribute("Id")!)));
        var command = Assert.Single(settings.Descendants("Command"));
        Assert.Equal(("imagewarmer.dll", "dotnet"), ((string?)command.Attribute("EntryPoint"), (string?)command.Attribute("Runner")));
        Assert.DoesNotContain(fallback.Entries, e => e.Name == "imagewarmer"); // no native executable: it runs wherever .NET 10 does
        Assert.StartsWith(release.Version, version.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolInstall_WhereNoNativePackageFits_InstallsTheFrameworkDependentBuild()
    {
        // This machine is linux-x64; the pointer is made to list only the fallback, as a Windows or macOS machine finds
        // no native package among linux-x64 and linux-arm64 in the real one: what `dotnet tool install` picks is the SDK's.
        var feed = release.Scratch("feed");
        File.Copy(Path.Combine(release.Output, "packages", $"imagewarmer.any.{release.Version}.nupkg"), Path.Combine(feed, $"imagewarmer.any.{release.Version}.nupkg"));
        var pointer = Path.Combine(feed, $"imagewarmer.{release.Version}.nupkg");
        File.Copy(Path.Combine(release.Output, "packages", pointer[(feed.Length + 1)..]), pointer);
        KeepOnlyRuntimePackage(pointer, "any");
        var tools = release.Scratch("tools");

        await NativeProcess.SucceedAsync("dotnet", null, "tool", "install", "imagewarmer", "--tool-path", tools, "--add-source", feed);
        var version = await NativeProcess.SucceedAsync(Path.Combine(tools, "imagewarmer"), null, "--version");

        var installed = Directory.EnumerateFiles(Path.Combine(tools, ".store"), "*", SearchOption.AllDirectories).ToList();
        Assert.Single(installed, f => f.EndsWith("/imagewarmer.any/" + release.Version + "/tools/net10.0/any/imagewarmer.dll", StringComparison.Ordinal));
        Assert.DoesNotContain(installed, f => Path.GetFileName(f) == "imagewarmer"); // not a native executable
        Assert.StartsWith(release.Version, version.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstallScript_ReleaseFromLoopback_VerifiedInstalledAndCached()
    {
        await using var server = ReleaseServer(tamper: false);
        var cache = release.Scratch("cache");

        var first = await Install(server, cache);
        var second = await Install(server, cache); // cached: nothing downloaded again
        // As a devcontainer runs it: the script piped into bash from nowhere near the repository, into a bin folder.
        var bin = release.Scratch("bin");
        var piped = await NativeProcess.RunAsync("bash", null, "-c", "cd / && bash -s -- \"$@\" < \"$0\"",
            Path.Combine(RepositoryPaths.Root, "scripts", "install.sh"), "--version", release.Version,
            "--release-url", $"{server.Url}/v{release.Version}", "--dir", release.Scratch("cache"), "--bin", bin);

        Assert.Equal(0, first.ExitCode);
        var executable = first.Output.Trim();
        Assert.Equal($"{cache}/{release.Version}-linux-x64/imagewarmer", executable);
        Assert.StartsWith(release.Version, (await NativeProcess.SucceedAsync(executable, null, "--version")).Trim(), StringComparison.Ordinal);
        Assert.Equal((0, executable), (second.ExitCode, second.Output.Trim()));
        Assert.Equal((0, $"{bin}/imagewarmer"), (piped.ExitCode, piped.Output.Trim()));
        Assert.True(NativeProcess.IsElf(Path.Combine(bin, "imagewarmer")));
        Assert.Equal(4, server.Seen.Count); // the tarball and SHA256SUMS, once per cache
    }

    [Fact]
    public async Task InstallScript_TamperedTarballOrPinnedHashMismatch_RefusedAndNothingInstalled()
    {
        await using var tampered = ReleaseServer(tamper: true);
        await using var honest = ReleaseServer(tamper: false);
        var cache = release.Scratch("cache");

        var refused = await Install(tampered, cache);
        var pinnedWrong = await Install(honest, cache, "--sha256", new string('0', 64));

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"checksum mismatch for {Tarball}", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1, pinnedWrong.ExitCode);
        Assert.Contains("checksum mismatch", pinnedWrong.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(cache));
    }

    private static List<XElement> RuntimePackages(string nupkg)
    {
        using var package = ZipFile.OpenRead(nupkg);
        return [.. XDocument.Load(package.GetEntry(PointerSettings)!.Open()).Descendants("RuntimeIdentifierPackage")];
    }

    private static void KeepOnlyRuntimePackage(string nupkg, string runtime)
    {
        using var package = ZipFile.Open(nupkg, ZipArchiveMode.Update);
        var entry = package.GetEntry(PointerSettings)!;
        XDocument settings;
        using (var read = entry.Open())
        {
            settings = XDocument.Load(read);
        }
        settings.Descendants("RuntimeIdentifierPackage").Where(p => (string?)p.Attribute("RuntimeIdentifier") != runtime).Remove();
        entry.Delete();
        using var write = package.CreateEntry(PointerSettings).Open();
        settings.Save(write);
    }

    private Task<ProcessRun> Install(HostileServer server, string cache, params string[] extra) =>
        NativeProcess.RunAsync(Path.Combine(RepositoryPaths.Root, "scripts", "install.sh"), null,
            ["--version", "v" + release.Version, "--release-url", $"{server.Url}/v{release.Version}", "--dir", cache, .. extra]);

    // The release's files at /v<version>/<name>, as a GitHub release serves them; a tampered server flips a byte of the
    // tarball but serves the honest SHA256SUMS.
    private HostileServer ReleaseServer(bool tamper) => HostileServer.Start(request =>
    {
        var file = Path.Combine(release.Output, Path.GetFileName(request.Path));
        if (!request.Path.StartsWith($"/v{release.Version}/", StringComparison.Ordinal) || !File.Exists(file))
        {
            return HostileServer.Reply.NotFound();
        }
        var bytes = File.ReadAllBytes(file);
        if (tamper && file.EndsWith(".tar.gz", StringComparison.Ordinal))
        {
            bytes[bytes.Length / 2] ^= 0xFF;
        }
        return new HostileServer.Reply(200, bytes);
    });
}
