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
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "functions.metadata")));
        Assert.Equal(JsonValueKind.Array, metadata.RootElement.ValueKind);
    }
}
