using System.Diagnostics;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;
using YamlDotNet.RepresentationModel;

namespace ImageWarmer.Cli.Tests;

/// <summary>The GitHub composite action (action.yml): its inputs, that none of them is spliced into a script, and its
/// ensure step run as a runner would run it (inputs as INPUT_* variables) against the local registries.</summary>
public sealed class ActionTests : IDisposable
{
    private readonly string _ns = "a" + Guid.NewGuid().ToString("n")[..10];
    private readonly TemporaryDirectory _directory = new();
    private readonly ServiceProvider _services = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());

    [Fact]
    public void ActionYml_DeclaresTheInputs_AndPassesThemOnlyThroughTheEnvironment()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "action.yml"))));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;

        var inputs = ((YamlMappingNode)root["inputs"]).Children.Keys.Select(k => k.ToString()).Order().ToList();
        Assert.Equal(["buildkitd-config", "locked", "manifests", "registry", "request", "strict", "version", "wait"], inputs);
        Assert.Equal("composite", root["runs"]["using"].ToString());
        var steps = ((YamlSequenceNode)root["runs"]["steps"]).Children.Cast<YamlMappingNode>().ToList();
        Assert.All(steps, step => Assert.DoesNotContain("${{", step["run"].ToString(), StringComparison.Ordinal));
        Assert.All(steps, step => Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root,
            step["run"].ToString().Trim('"').Replace("$GITHUB_ACTION_PATH/", "", StringComparison.Ordinal)))));
    }

    [Fact]
    public async Task EnsureStep_BundlePresentThenOneMissing_ExitZeroThenTwo()
    {
        var client = _services.GetRequiredService<RegistryClient>();
        await TestImages.PushAsync(client, "docker.io", $"{_ns}/app", "1.0.0");
        await TestImages.CopyAsync(client, "docker.io", $"{_ns}/app", "1.0.0", TestServices.TargetRegistry, $"{_ns}/app");
        _directory.Write("bundle/imagewarmer.yaml", $"images:\n  - {_ns}/app:1.0.0\n");

        var present = await EnsureStepAsync();
        _directory.Write("bundle/imagewarmer.yaml", $"images:\n  - {_ns}/app:1.0.0\n  - {_ns}/later:2.0.0\n");
        var missing = await EnsureStepAsync();

        Assert.Equal(0, present.ExitCode);
        Assert.Contains("1 image: 1 present", present.Output, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains($"{_ns}/later:2.0.0 is missing from {TestServices.TargetRegistry}", missing.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MirrorStep_WritesBuildkitdTomlAndHandsItsPathOn()
    {
        _directory.Write("bundle/Dockerfile", "FROM --platform=linux/amd64 debian:bookworm-slim\n");
        var config = Path.Combine(_directory.Path, "buildkitd.toml");
        var outputs = _directory.Write("github-output", "");

        var run = await ProcessRun.RunAsync(new ProcessStartInfo(Path.Combine(RepositoryPaths.Root, "scripts", "action", "mirror.sh"))
        {
            Environment =
            {
                ["IMAGEWARMER"] = Cli(),
                ["INPUT_REGISTRY"] = "myacr.azurecr.io",
                ["INPUT_MANIFESTS"] = Path.Combine(_directory.Path, "bundle"),
                ["INPUT_BUILDKITD_CONFIG"] = config,
                ["GITHUB_OUTPUT"] = outputs,
            },
        });

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("[registry.\"docker.io\"]\n  mirrors = [\"myacr.azurecr.io\"]", File.ReadAllText(config), StringComparison.Ordinal);
        Assert.Equal($"buildkitd-config={config}\n", File.ReadAllText(outputs));
    }

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }

    private async Task<(int ExitCode, string Output)> EnsureStepAsync()
    {
        var cli = Cli();
        var start = new ProcessStartInfo(Path.Combine(RepositoryPaths.Root, "scripts", "action", "ensure.sh"))
        {
            Environment =
            {
                ["IMAGEWARMER"] = cli,
                ["INPUT_REGISTRY"] = TestServices.TargetRegistry,
                ["INPUT_MANIFESTS"] = Path.Combine(_directory.Path, "bundle"),
                ["INPUT_LOCKED"] = "false",
                ["INPUT_STRICT"] = "true",
                ["INPUT_REQUEST"] = "false",
                ["INPUT_WAIT"] = "10m",
                ["ImageWarmer__Registry__Endpoints__0__Registry"] = "docker.io",
                ["ImageWarmer__Registry__Endpoints__0__Url"] = $"http://{TestServices.UpstreamRegistry}",
            },
        };
        var run = await ProcessRun.RunAsync(start);
        return (run.ExitCode, run.Output + run.Error);
    }

    // The CLI this test project built, as the runner's PATH would have it.
    private string Cli()
    {
        var cli = _directory.Write("imagewarmer", $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "imagewarmer.dll")}' \"$@\"\n");
        File.SetUnixFileMode(cli, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return cli;
    }
}
