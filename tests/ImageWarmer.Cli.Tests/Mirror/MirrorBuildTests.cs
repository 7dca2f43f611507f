using System.Diagnostics;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Tests.Mirror;

/// <summary>
/// Real build tools reading through what <c>imagewarmer mirror</c> wrote: the target registry ("ACR") holds the warmed
/// base under the target prefix, the upstream one ("Docker Hub", reached at its <c>--endpoint</c>) holds it too, and the
/// registries' own access logs say which one the tool asked. One class, so its tests never pull the shared
/// <c>library/debian</c> at the same time.
/// </summary>
public sealed class MirrorBuildTests : IDisposable
{
    private const string AzureTreFrom = "FROM --platform=linux/amd64 debian:bookworm-slim";

    private readonly string _ns = "m" + Guid.NewGuid().ToString("n")[..10];
    private readonly TemporaryDirectory _directory = new();
    private readonly ServiceProvider _services = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());

    [Fact]
    public async Task Buildah_RegistriesConf_BaseReadFromTheMirror_AndABaseItLacksFromUpstream()
    {
        await SeedAsync();
        var conf = await WriteMirrorAsync("registries.conf", "registries.conf", strict: false);

        var warmed = await BuildAsync(conf, $"{AzureTreFrom}\nCOPY hello.txt /hello.txt\n");
        var unwarmed = await BuildAsync(conf, $"FROM --platform=linux/amd64 {_ns}/tool:1\nCOPY hello.txt /hello.txt\n");

        Assert.Equal(0, warmed.Run.ExitCode);
        Assert.Contains($"GET /v2/{_ns}/library/debian/manifests/bookworm-slim 200", warmed.Target);
        Assert.Empty(warmed.Upstream);
        Assert.Equal(0, unwarmed.Run.ExitCode);
        Assert.Contains(unwarmed.Target, r => r.StartsWith($"GET /v2/{_ns}/{_ns}/tool/manifests/1 404", StringComparison.Ordinal));
        Assert.Contains($"GET /v2/{_ns}/tool/manifests/1 200", unwarmed.Upstream);
    }

    [Fact]
    public async Task Buildah_StrictRegistriesConf_ABaseTheMirrorLacksFails_WithoutAskingUpstream()
    {
        await SeedAsync();
        var conf = await WriteMirrorAsync("registries.conf", "registries.conf", strict: true);

        var warmed = await BuildAsync(conf, $"{AzureTreFrom}\n");
        var unwarmed = await BuildAsync(conf, $"FROM --platform=linux/amd64 {_ns}/tool:1\n");

        Assert.Equal(0, warmed.Run.ExitCode);
        Assert.Contains($"GET /v2/{_ns}/library/debian/manifests/bookworm-slim 200", warmed.Target);
        Assert.NotEqual(0, unwarmed.Run.ExitCode);
        Assert.Contains(unwarmed.Target, r => r.StartsWith($"GET /v2/{_ns}/{_ns}/tool/manifests/1 404", StringComparison.Ordinal));
        Assert.Empty(warmed.Upstream.Concat(unwarmed.Upstream));
    }

    [Fact]
    public async Task Containerd_HostsToml_ImageReadFromTheMirror_AndOneItLacksFromUpstream()
    {
        await SeedAsync();
        var hosts = await WriteMirrorAsync("hosts.toml", "certs.d", strict: false);
        using var containerd = ContainerdDaemon.Start();

        var warmed = await LoggedAsync(() => containerd.PullAsync("docker.io/library/debian:bookworm-slim", hosts));
        var unwarmed = await LoggedAsync(() => containerd.PullAsync($"docker.io/{_ns}/tool:1", hosts));

        Assert.True(warmed.Run.ExitCode == 0, warmed.Run.Error);
        Assert.Contains(warmed.Target, r => r.StartsWith($"GET /v2/{_ns}/library/debian/manifests/", StringComparison.Ordinal) && r.EndsWith(" 200", StringComparison.Ordinal));
        Assert.Empty(warmed.Upstream);
        Assert.True(unwarmed.Run.ExitCode == 0, unwarmed.Run.Error);
        Assert.Contains(unwarmed.Target, r => r.StartsWith($"HEAD /v2/{_ns}/{_ns}/tool/manifests/1", StringComparison.Ordinal) && r.EndsWith(" 404", StringComparison.Ordinal));
        Assert.Contains(unwarmed.Upstream, r => r.StartsWith($"GET /v2/{_ns}/tool/manifests/", StringComparison.Ordinal) && r.EndsWith(" 200", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Containerd_StrictHostsToml_AnImageTheMirrorLacksFails_WithoutAskingUpstream()
    {
        await SeedAsync();
        var hosts = await WriteMirrorAsync("hosts.toml", "certs.d", strict: true);
        using var containerd = ContainerdDaemon.Start();

        var warmed = await LoggedAsync(() => containerd.PullAsync("docker.io/library/debian:bookworm-slim", hosts));
        var unwarmed = await LoggedAsync(() => containerd.PullAsync($"docker.io/{_ns}/tool:1", hosts));

        Assert.True(warmed.Run.ExitCode == 0, warmed.Run.Error);
        Assert.NotEqual(0, unwarmed.Run.ExitCode);
        Assert.Contains(unwarmed.Target, r => r.StartsWith($"HEAD /v2/{_ns}/{_ns}/tool/manifests/1", StringComparison.Ordinal) && r.EndsWith(" 404", StringComparison.Ordinal));
        Assert.Empty(warmed.Upstream.Concat(unwarmed.Upstream));
    }

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }

    // The warmed base in both registries (different content, as a warm-up from another day would be); a second base
    // upstream only.
    private async Task SeedAsync()
    {
        var client = _services.GetRequiredService<RegistryClient>();
        await RunnableImages.PushAsync(client, "docker.io", "library/debian", "bookworm-slim", "/etc/base", "docker hub\n");
        await RunnableImages.PushAsync(client, TestServices.TargetRegistry, $"{_ns}/library/debian", "bookworm-slim", "/etc/base", "acr\n");
        await RunnableImages.PushAsync(client, "docker.io", $"{_ns}/tool", "1", "/etc/tool", "docker hub only\n");
    }

    private async Task<(ProcessRun Run, IReadOnlyList<string> Target, IReadOnlyList<string> Upstream)> BuildAsync(string registriesConf, string dockerfile)
    {
        using var context = new TemporaryDirectory();
        context.Write("Dockerfile", dockerfile);
        context.Write("hello.txt", "hello\n");
        var start = new ProcessStartInfo("buildah",
        [
            "--root", Path.Combine(_directory.Path, "storage"), "--runroot", Path.Combine(_directory.Path, "run"), "--storage-driver", "vfs",
            "build", "--isolation", "chroot", "--pull", "--tag", $"localhost/{_ns}:built", context.Path,
        ]);
        start.Environment["CONTAINERS_REGISTRIES_CONF"] = registriesConf;
        return await LoggedAsync(() => ProcessRun.RunAsync(start));
    }

    // `imagewarmer mirror` as the tests run it: the target under this test's prefix, docker.io at the upstream registry.
    private async Task<string> WriteMirrorAsync(string format, string output, bool strict)
    {
        var path = Path.Combine(_directory.Path, output);
        string[] args = ["mirror", "--format", format, "--output", path, "--registry", TestServices.TargetRegistry,
            "--target-prefix", _ns, "--endpoint", $"docker.io=http://{TestServices.UpstreamRegistry}", .. strict ? ["--strict"] : Array.Empty<string>()];
        var run = await CliRun.InvokeAsync(args);
        Assert.True(run.ExitCode == 0, run.Error);
        return path;
    }

    // What the tool asked each registry while it ran.
    private async Task<(ProcessRun Run, IReadOnlyList<string> Target, IReadOnlyList<string> Upstream)> LoggedAsync(Func<Task<ProcessRun>> tool)
    {
        var (target, upstream) = (Requests(TestServices.TargetAccessLog), Requests(TestServices.UpstreamAccessLog));
        var run = await tool();
        return (run, [.. Requests(TestServices.TargetAccessLog).Skip(target.Count)], [.. Requests(TestServices.UpstreamAccessLog).Skip(upstream.Count)]);
    }

    // Every request for this test's repositories and for library/debian, in the order the registry logged them.
    private IReadOnlyList<string> Requests(string log) =>
        [.. RegistryAccessLog.Requests(log, "").Where(r => r.Contains($"/v2/{_ns}/", StringComparison.Ordinal) || r.Contains("/v2/library/debian/", StringComparison.Ordinal))];
}
