using System.Text.Json;
using ImageWarmer.Testing;

namespace ImageWarmer.Functions.Tests;

/// <summary>What the Functions host loads from the build output (Core Tools cannot run here, so the files are checked).</summary>
public sealed class FunctionsBuildOutputTests
{
    // The Functions project is built with the same configuration as this test project (bin/<configuration>/net10.0).
    private static readonly string Output = Path.Combine(RepositoryPaths.Root, "src", "ImageWarmer.Functions", "bin",
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name, "net10.0");

    [Fact]
    public void BuildOutput_HostJson_IsTheRepositoryRootFile()
    {
        var built = File.ReadAllText(Path.Combine(Output, "host.json"));
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")), built);
        using var json = JsonDocument.Parse(built);
        Assert.Equal("2.0", json.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public void BuildOutput_WorkerFiles_ArePresentAndValid()
    {
        using var worker = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "worker.config.json")));
        Assert.Equal("ImageWarmer.Functions.dll", worker.RootElement.GetProperty("description").GetProperty("defaultWorkerPath").GetString());
    }

    [Fact]
    public void FunctionsMetadata_BothFunctions_WithTheirTriggers()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "functions.metadata")));
        var bindings = metadata.RootElement.EnumerateArray().ToDictionary(
            f => f.GetProperty("name").GetString()!,
            f => Assert.Single(f.GetProperty("bindings").EnumerateArray().ToList()));

        Assert.Equal(["NightlyWarmup", "WarmRequest"], bindings.Keys.Order(StringComparer.Ordinal));
        var timer = bindings["NightlyWarmup"];
        Assert.Equal(("timerTrigger", "In", "%WarmSchedule%"),
            (timer.GetProperty("type").GetString(), timer.GetProperty("direction").GetString(), timer.GetProperty("schedule").GetString()));
        var queue = bindings["WarmRequest"];
        Assert.Equal(("queueTrigger", "%WarmQueueName%", "AzureWebJobsStorage"),
            (queue.GetProperty("type").GetString(), queue.GetProperty("queueName").GetString(), queue.GetProperty("connection").GetString()));
    }

    [Fact]
    public void HostJson_QueueSettings_Base64AndBoundedRetries()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "host.json")));
        var queues = host.RootElement.GetProperty("extensions").GetProperty("queues");
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
        Assert.InRange(queues.GetProperty("maxDequeueCount").GetInt32(), 2, 10);
    }

    [Fact]
    public void LocalSettingsSample_HasTheSettingsTheTriggersName()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")));
        var values = sample.RootElement.GetProperty("Values");
        Assert.Equal("0 0 2 * * *", values.GetProperty("WarmSchedule").GetString());
        Assert.Equal("warm-requests", values.GetProperty("WarmQueueName").GetString());
        Assert.Equal("dotnet-isolated", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
    }
}
