using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Tests.Commands;

/// <summary>request, ensure, worker and status: the verbs pipelines and operators use, against Azurite and the local registries.</summary>
public sealed class PipelineVerbsTests : IDisposable
{
    private readonly string _id = Guid.NewGuid().ToString("n")[..10];
    private readonly TemporaryDirectory _directory = new();
    private readonly ServiceProvider _services = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());
    private readonly string _config;

    public PipelineVerbsTests() =>
        _config = LocalSettings.Write(_directory, QueueName, "ledger" + _id, ("ImageWarmer:Storage:MaxDequeueCount", "1"));

    private string QueueName => "requests-" + _id;

    private string Ns => "p" + _id;

    [Fact]
    public async Task Request_EnqueuesBase64JsonTheHostDecodes()
    {
        var run = await Cli("request", "sonatype/nexus3:3.77.2", "--target", "sonatype/nexus3", "--requested-by", "pipeline run 1234");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("requested sonatype/nexus3:3.77.2 -> sonatype/nexus3:3.77.2: message ", run.Output, StringComparison.Ordinal);
        var raw = (await new QueueClient(TestServices.StorageConnectionString, QueueName).PeekMessageAsync()).Value;
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(raw.Body.ToString()));
        Assert.Equal("""{"version":1,"source":"sonatype/nexus3:3.77.2","target":"sonatype/nexus3","requestedBy":"pipeline run 1234","force":false}""", json);
    }

    [Fact]
    public async Task Request_TargetOutsideTheDerivedRepository_FailsHereWithTheReason_NothingEnqueued()
    {
        var run = await Cli("request", "docker.io/evil/payload:latest", "--target", "team/api:prod", "--force");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "imagewarmer: target 'team/api:prod' is not in evil/payload, the repository derived from evil/payload:latest: "
            + "a queue request names a source, and its ACR repository always follows from it",
            run.Error.Trim());
        var queue = new QueueClient(TestServices.StorageConnectionString, QueueName);
        Assert.False(await queue.ExistsAsync() && (await queue.PeekMessageAsync()).Value is not null);
    }

    [Fact]
    public async Task Request_NotAllowedRegistry_FailsHereNotInTheFunction()
    {
        var run = await Cli("request", "ghcr.io/someone/thing:1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("source registry ghcr.io is not allowed", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ensure_MissingThenRequestedAndDrainedByTheWorker_ExitZeroOnceThere()
    {
        var client = _services.GetRequiredService<RegistryClient>();
        var digest = await TestImages.PushAsync(client, "docker.io", $"{Ns}/app", "1.0.0");

        var missing = await Cli("ensure", $"{Ns}/app:1.0.0");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains($"{Ns}/app:1.0.0 is missing from {TestServices.TargetRegistry}", missing.Output, StringComparison.Ordinal);

        // ensure --request enqueues and polls the registry; the worker (the queue function's handler) fills it meanwhile.
        var ensuring = Cli("ensure", $"{Ns}/app:1.0.0", "--request", "--wait", "60s");
        var drained = new List<CliRun>();
        while (!ensuring.IsCompleted && drained.Count < 500)
        {
            drained.Add(await Cli("worker", "--once"));
        }
        var ensured = await ensuring;

        Assert.Equal(0, ensured.ExitCode);
        Assert.Contains($"is in {TestServices.TargetRegistry} as {Ns}/app:1.0.0 ({digest}, verified against the source)", ensured.Output, StringComparison.Ordinal);
        Assert.Contains(drained, d => d.Output.Contains(": warmed", StringComparison.Ordinal));

        var status = await Cli("status", $"{Ns}/app:1.0.0", "--json");
        using var rows = JsonDocument.Parse(status.Output);
        Assert.Equal("imported", rows.RootElement[0].GetProperty("lastResult").GetString());
        Assert.StartsWith("ensure by ", rows.RootElement[0].GetProperty("requestedBy").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_BadAndFailingMessages_RejectedOrPoisoned_NeverStuck()
    {
        var queue = new QueueClient(TestServices.StorageConnectionString, QueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("""{"version":7,"source":"nginx:1"}""");
        await new QueueClient(TestServices.StorageConnectionString, QueueName).SendMessageAsync("""{"version":1,"source":"nginx:1"} (not base64)""");
        await queue.SendMessageAsync($$"""{"version":1,"source":"docker.io/{{Ns}}/ghost:latest"}""");

        var first = await Cli("worker", "--once");

        var lines = first.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.EndsWith(": rejected", StringComparison.Ordinal));
        // Not base64: to the poison queue at once and untouched, as the Functions host's listener does.
        Assert.Single(lines, l => l.Contains(": poisoned: not base64", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(": warmed", StringComparison.Ordinal)); // source-missing, recorded
        Assert.Null((await queue.PeekMessageAsync()).Value);
        var rawPoison = new QueueClient(TestServices.StorageConnectionString, QueueName + "-poison");
        var untouched = (await rawPoison.ReceiveMessageAsync()).Value;
        Assert.Equal("""{"version":1,"source":"nginx:1"} (not base64)""", untouched.Body.ToString());
        await rawPoison.DeleteMessageAsync(untouched.MessageId, untouched.PopReceipt);

        // A transient failure (upstream unreachable) on the last allowed try goes to the poison queue.
        await queue.SendMessageAsync($$"""{"version":1,"source":"docker.io/{{Ns}}/flaky:latest"}""");
        var poisoned = await CliRun.InvokeAsync("worker", "--once", "--config", _config, "--endpoint", "docker.io=http://127.0.0.1:1");
        Assert.Contains("poisoned after 1 tries", poisoned.Output, StringComparison.Ordinal);
        var poison = new QueueClient(TestServices.StorageConnectionString, QueueName + "-poison", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        Assert.Contains($"{Ns}/flaky:latest", (await poison.PeekMessageAsync()).Value.Body.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Null((await queue.PeekMessageAsync()).Value);
        // The ledger keeps why it was poisoned.
        var status = await Cli("status", $"{Ns}/flaky:latest", "--json");
        using var rows = JsonDocument.Parse(status.Output);
        Assert.Equal("failed", rows.RootElement[0].GetProperty("lastResult").GetString());
        Assert.Contains("127.0.0.1:1", rows.RootElement[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.StartsWith($"given up after 1 tries and sent to {QueueName}-poison", rows.RootElement[0].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_NoTargetRegistry_ExitsOneWithOneLineAndLeavesTheQueueAsItWas()
    {
        var queue = new QueueClient(TestServices.StorageConnectionString, QueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("""{"version":1,"source":"nginx:1.27"}""");
        var config = _directory.Write("no-target.json", JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["WarmQueueName"] = QueueName,
            ["ImageWarmer"] = new { Storage = new { ConnectionString = TestServices.StorageConnectionString, LedgerTable = "ledger" + _id } },
        }));

        var run = await CliRun.InvokeAsync("worker", "--once", "--config", config);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("imagewarmer: ImageWarmer:Planning:TargetRegistry is not set: name the target registry (e.g. myacr.azurecr.io)",
            Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(run.Output);
        var message = (await queue.PeekMessageAsync()).Value;
        Assert.NotNull(message);
        Assert.Equal(0, message.DequeueCount);
    }

    [Theory]
    [InlineData("ImageWarmer:AcrImport:RegistryResourceId is not set", "worker", "--once", "--importer", "acr-import")]
    [InlineData("ImageWarmer:Planning:TargetRegistry is not set", "nightly", "--manifests", ".")]
    public async Task WorkerAndNightly_SettingTheyCannotWorkWithout_OneLineBeforeAnyWork(string message, string verb, params string[] options)
    {
        var config = _directory.Write($"bare-{verb}.json", JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["WarmQueueName"] = QueueName,
            ["ImageWarmer"] = new
            {
                Storage = new { ConnectionString = TestServices.StorageConnectionString },
                Planning = verb == "worker" ? new { TargetRegistry = TestServices.TargetRegistry } : null,
            },
        }));

        var run = await CliRun.InvokeAsync([verb, .. options, "--config", config]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }

    private Task<CliRun> Cli(params string[] args) => CliRun.InvokeAsync([.. args, "--config", _config]);
}
