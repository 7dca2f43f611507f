using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Mirroring;
using ImageWarmer.Core.Registry;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Tests.Mirroring;

/// <summary>Every format's whole text for the cases that change it (a prefix, strict, endpoints, plain HTTP), against
/// the files under <c>TestData/mirroring/&lt;case&gt;/&lt;format&gt;/</c>; and what each format refuses, with the reason.
/// Set <c>IMAGEWARMER_UPDATE_GOLDEN=1</c> to rewrite the files from the code, then read the diff.</summary>
public sealed class MirrorConfigGoldenTests
{
    private const string Acr = "myacr.azurecr.io";

    private static readonly string[] DockerHubAndMcr = ["docker.io", "mcr.microsoft.com"];

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["plain"] = new(Acr, null, ["docker.io"], false, []),
        ["prefix"] = new(Acr, "/dockerhub/", DockerHubAndMcr, false, []),
        ["strict-prefix"] = new(Acr, "dockerhub", DockerHubAndMcr, true, []),
        ["loopback-endpoints"] = new("127.0.0.1:5002", "mirror", ["docker.io"], false, [("docker.io", "http://127.0.0.1:5001")]),
        ["acr-endpoint"] = new(Acr, null, ["docker.io"], false, [(Acr, "http://127.0.0.1:5002")]),
        ["insecure"] = new("mirror.internal:5000", null, ["docker.io", "registry.internal"], false, [], ["mirror.internal:5000", "registry.internal"]),
    };

    public static TheoryData<string, string> Golden => new()
    {
        { "plain", RegistriesConfWriter.Name }, { "plain", HostsTomlWriter.Name }, { "plain", BuildkitdTomlWriter.Name }, { "plain", DaemonJsonWriter.Name },
        { "prefix", RegistriesConfWriter.Name }, { "prefix", HostsTomlWriter.Name }, { "prefix", BuildkitdTomlWriter.Name },
        { "strict-prefix", RegistriesConfWriter.Name }, { "strict-prefix", HostsTomlWriter.Name },
        { "loopback-endpoints", RegistriesConfWriter.Name }, { "loopback-endpoints", HostsTomlWriter.Name },
        { "acr-endpoint", RegistriesConfWriter.Name }, { "acr-endpoint", HostsTomlWriter.Name }, { "acr-endpoint", BuildkitdTomlWriter.Name }, { "acr-endpoint", DaemonJsonWriter.Name },
        { "insecure", RegistriesConfWriter.Name }, { "insecure", HostsTomlWriter.Name }, { "insecure", BuildkitdTomlWriter.Name }, { "insecure", DaemonJsonWriter.Name },
    };

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "prefix", DaemonJsonWriter.Name, "daemon.json cannot mirror under a path" },
        { "strict-prefix", DaemonJsonWriter.Name, "daemon.json cannot be strict" },
        { "strict-prefix", BuildkitdTomlWriter.Name, "buildkitd.toml cannot be strict" },
        { "loopback-endpoints", BuildkitdTomlWriter.Name, "buildkitd.toml cannot send docker.io to 127.0.0.1:5001 (the endpoint ImageWarmer reaches it at)" },
        { "loopback-endpoints", DaemonJsonWriter.Name, "daemon.json cannot mirror under a path" },
    };

    [Theory]
    [MemberData(nameof(Golden))]
    public void Write_Case_IsTheGoldenText(string name, string format)
    {
        var files = MirrorFormats.For(format).Write(Cases[name].Set(), _ => null);

        var folder = Path.Combine(GoldenRoot, name, format);
        if (Environment.GetEnvironmentVariable("IMAGEWARMER_UPDATE_GOLDEN") == "1")
        {
            files.ToList().ForEach(f => Write(Path.Combine(folder, f.RelativePath), f.Content));
        }
        var expected = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal);
        Assert.Equal(expected, files.Select(f => f.RelativePath).Order(StringComparer.Ordinal));
        Assert.All(files, f => Assert.Equal(File.ReadAllText(Path.Combine(folder, f.RelativePath)), f.Content));
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Write_CaseTheFormatCannotSay_RefusesWithTheReason(string name, string format, string reason)
    {
        var refused = Assert.Throws<ConfigurationException>(() => MirrorFormats.For(format).Write(Cases[name].Set(), _ => null));

        Assert.StartsWith(reason, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Routes_PlainHttpToARegistryNotAllowedIt_Refused()
    {
        Assert.Throws<InsecureRegistryException>(() => Routes([(Acr, "http://10.0.0.5:5000")], []).For(Acr, null, ["docker.io"]));
    }

    [Fact]
    public void Routes_EndpointWithAPath_RefusedAsNoHost()
    {
        var routes = Routes([(Acr, "https://proxy.example/acr")], []);

        var refused = Assert.Throws<ConfigurationException>(() => routes.For(Acr, null, ["docker.io"]));

        Assert.Contains("has a path", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Routes_TheTargetAmongTheSources_IsNotItsOwnMirror()
    {
        var routes = Routes([], []).For(Acr, null, ["docker.io", Acr, "docker.io"]);

        Assert.Equal(["docker.io"], routes.Select(r => r.Source));
    }

    [Fact]
    public void DaemonJson_ExistingFile_KeepsItsSettingsAndPutsTheMirrorFirst()
    {
        const string existing = """{"exec-opts":["native.cgroupdriver=systemd"],"registry-mirrors":["https://mirror.gcr.io","https://myacr.azurecr.io/"]}""";

        var file = new DaemonJsonWriter().Write(Cases["plain"].Set(), _ => existing).Single();

        Assert.Equal("""
            {
              "exec-opts": [
                "native.cgroupdriver=systemd"
              ],
              "registry-mirrors": [
                "https://myacr.azurecr.io",
                "https://mirror.gcr.io"
              ]
            }

            """, file.Content);
    }

    [Theory]
    [InlineData("[1,2]", "is not a JSON object")]
    [InlineData("{\"registry-mirrors\":\"https://x\"}", "\"registry-mirrors\" is not a list")]
    [InlineData("{not json", "is not JSON")]
    public void DaemonJson_ExistingFileItCannotKeep_RefusesAndWritesNothing(string existing, string reason)
    {
        var refused = Assert.Throws<ConfigurationException>(() => new DaemonJsonWriter().Write(Cases["plain"].Set(), _ => existing));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    private static string GoldenRoot => Path.Combine(AppContext.BaseDirectory, "TestData", "mirroring");

    private static void Write(string path, string content)
    {
        // Into the source tree, not the build output, so the diff is there to read.
        var source = path.Replace(AppContext.BaseDirectory, Path.Combine(Testing.RepositoryPaths.Root, "tests", "ImageWarmer.Core.Tests") + "/", StringComparison.Ordinal);
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        File.WriteAllText(source, content);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static MirrorRoutes Routes(IEnumerable<(string Registry, string Url)> endpoints, IEnumerable<string> insecure) =>
        new(new RegistryEndpoints(Options.Create(new RegistryOptions
        {
            Endpoints = [.. endpoints.Select(e => new RegistryEndpointOptions { Registry = e.Registry, Url = e.Url })],
            Insecure = [.. insecure],
        })));

    private sealed record Case(string Registry, string? Prefix, string[] Sources, bool Strict,
        (string Registry, string Url)[] Endpoints, string[]? Insecure = null)
    {
        public MirrorSet Set() => new(Registry, Routes(Endpoints, Insecure ?? []).For(Registry, Prefix, Sources), Strict);
    }
}
