using System.Diagnostics;
using System.Text.Json;
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
        Assert.Equal(["buildkitd-config", "endpoint", "locked", "manifests", "offline", "registry", "release-url", "request", "sha256", "strict", "version", "wait"], inputs);
        var outputs = ((YamlMappingNode)root["outputs"]).Children.Keys.Select(k => k.ToString()).Order().ToList();
        Assert.Equal(["buildkitd-config", "path", "result"], outputs);
        Assert.Equal("composite", root["runs"]["using"].ToString());
        var steps = ((YamlSequenceNode)root["runs"]["steps"]).Children.Cast<YamlMappingNode>().ToList();
        Assert.All(steps, step => Assert.DoesNotContain("${{", step["run"].ToString(), StringComparison.Ordinal));
        Assert.All(steps, step => Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root,
            step["run"].ToString().Trim('"').Replace("$GITHUB_ACTION_PATH/", "", StringComparison.Ordinal)))));
    }

    [Fact]
    public async Task EnsureStep_BundlePresentThenOneMissing_ExitZeroThenTwo_WithTheJsonResultAsTheStepOutput()
    {
        var client = _services.GetRequiredService<RegistryClient>();
        await TestImages.PushAsync(client, "docker.io", $"{_ns}/app", "1.0.0");
        await TestImages.CopyAsync(client, "docker.io", $"{_ns}/app", "1.0.0", TestServices.TargetRegistry, $"{_ns}/app");
        _directory.Write("bundle/imagewarmer.yaml", $"images:\n  - {_ns}/app:1.0.0\n");

        var present = await EnsureStepAsync();
        _directory.Write("bundle/imagewarmer.yaml", $"images:\n  - {_ns}/app:1.0.0\n  - {_ns}/later:2.0.0\n");
        var missing = await EnsureStepAsync();

        Assert.Equal(0, present.ExitCode);
        Assert.Equal(["present"], Statuses(present.Result));
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal(["present", "missing"], Statuses(missing.Result));
        Assert.Contains($"missing\t{_ns}/later:2.0.0", missing.Output, StringComparison.Ordinal); // the log, one line an image
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

    [Fact]
    public async Task EnsureStep_OfflineAndEndpointInputs_ReachTheCommandAsOptions()
    {
        var client = _services.GetRequiredService<RegistryClient>();
        await TestImages.PushAsync(client, "docker.io", $"{_ns}/app", "1.0.0");
        await TestImages.CopyAsync(client, "docker.io", $"{_ns}/app", "1.0.0", TestServices.TargetRegistry, $"{_ns}/app");
        _directory.Write("bundle/imagewarmer.yaml", $"images:\n  - {_ns}/app:1.0.0\n");

        // docker.io only through the endpoint input (the environment's endpoint is at a port nobody listens on).
        var online = await EnsureStepAsync(("INPUT_ENDPOINT", $"example.invalid=http://127.0.0.1:9\ndocker.io=http://{TestServices.UpstreamRegistry}\n"),
            ("ImageWarmer__Registry__Endpoints__0__Url", "http://127.0.0.1:9"));
        var offline = await EnsureStepAsync(("INPUT_OFFLINE", "true"), ("INPUT_STRICT", "false"), ("ImageWarmer__Registry__Endpoints__0__Url", "http://127.0.0.1:9"));

        Assert.Equal(0, online.ExitCode);
        using (var json = JsonDocument.Parse(online.Result))
        {
            Assert.Equal("source", json.RootElement.GetProperty("items")[0].GetProperty("expectedFrom").GetString()); // upstream was asked
        }
        Assert.Equal(0, offline.ExitCode);
        using (var json = JsonDocument.Parse(offline.Result))
        {
            var item = json.RootElement.GetProperty("items")[0];
            Assert.Equal(("present", JsonValueKind.Null), (item.GetProperty("status").GetString(), item.GetProperty("expectedFrom").ValueKind)); // nobody asked
        }
    }

    private static List<string?> Statuses(string result)
    {
        using var json = JsonDocument.Parse(result);
        return [.. json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString())];
    }

    private async Task<(int ExitCode, string Output, string Result)> EnsureStepAsync(params (string Name, string Value)[] more)
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
        var output = _directory.Write("github-output", "");
        start.Environment["GITHUB_OUTPUT"] = output;
        foreach (var (name, value) in more)
        {
            start.Environment[name] = value;
        }
        var run = await ProcessRun.RunAsync(start);
        // GITHUB_OUTPUT's multi-line form: result<<DELIMITER, the JSON, DELIMITER.
        var lines = File.ReadAllLines(output);
        var delimiter = lines[0]["result<<".Length..];
        var result = string.Join('\n', lines.Skip(1).TakeWhile(l => l != delimiter));
        return (run.ExitCode, run.Output + run.Error, result);
    }

    // The CLI this test project built, as the runner's PATH would have it.
    private string Cli()
    {
        var cli = _directory.Write("imagewarmer", $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "imagewarmer.dll")}' \"$@\"\n");
        File.SetUnixFileMode(cli, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return cli;
    }
}
