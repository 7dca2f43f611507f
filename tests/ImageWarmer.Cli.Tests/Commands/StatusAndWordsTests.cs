using System.Text;
using System.Text.Json;
using ImageWarmer.Cli.Tests.Contracts;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Cli.Tests.Commands;

/// <summary>The smaller words that tell a user what happened and what to do: a ledger without the image's row says so,
/// a 429 is a rate limit (not an unreachable registry), a digest that differs comes with a next step, and the ledger's
/// JSON is the contract docs/contracts/status.schema.json says.</summary>
public sealed class StatusAndWordsTests : IDisposable
{
    private readonly string _ns = "w" + Guid.NewGuid().ToString("n")[..10];
    private readonly TemporaryDirectory _directory = new();
    private readonly ServiceProvider _services = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());
    private readonly string _config;

    public StatusAndWordsTests() => _config = LocalSettings.Write(_directory, "words-" + _ns, "ledger" + _ns, ("ImageWarmer:Registry:MaxRetryAttempts", "0"));

    private RegistryClient Client => _services.GetRequiredService<RegistryClient>();

    [Fact]
    public async Task Status_ImageWithoutARow_SaysNoLedgerRow_ExitTwo()
    {
        var run = await Cli("status", "nginx:9");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.StartsWith("no ledger row for nginx:9: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusJson_AfterAWarm_PrintsTheStatusContract()
    {
        await TestImages.PushAsync(Client, "docker.io", $"{_ns}/app", "1.0.0");
        _directory.Write("manifests/imagewarmer.yaml", $"images:\n  - {_ns}/app:1.0.0\n");
        Assert.Equal(0, (await Cli("warm", "--manifests", Path.Combine(_directory.Path, "manifests"))).ExitCode);

        var all = await Cli("status", "--json");
        var one = await Cli("status", $"{_ns}/app:1.0.0", "--json");
        var none = await Cli("status", "nginx:9", "--json");

        Assert.Equal((0, 0, 2), (all.ExitCode, one.ExitCode, none.ExitCode));
        ContractSchemas.AssertValid("status", all.Output);
        ContractSchemas.AssertValid("status", one.Output);
        ContractSchemas.AssertValid("status", none.Output);
        using var json = JsonDocument.Parse(one.Output);
        var row = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(("imported", $"{_ns}/app:1.0.0"), (row.GetProperty("lastResult").GetString(), row.GetProperty("target").GetString()));
    }

    [Fact]
    public async Task Ensure_UpstreamAnswers429_UnverifiedAsRateLimited_NotUnreachable()
    {
        await TestImages.PushAsync(Client, "docker.io", $"{_ns}/busy", "latest");
        await TestImages.CopyAsync(Client, "docker.io", $"{_ns}/busy", "latest", TestServices.TargetRegistry, $"{_ns}/busy");
        await using var limited = HostileServer.Start(_ => new HostileServer.Reply(429,
            Encoding.UTF8.GetBytes("""{"errors":[{"code":"TOOMANYREQUESTS","message":"You have reached your pull rate limit."}]}"""),
            new Dictionary<string, string> { ["Content-Type"] = "application/json" }));

        var run = await Cli("ensure", $"{_ns}/busy:latest", "--endpoint", $"docker.io={limited.Url}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"{_ns}/busy:latest is unverified: docker.io is rate limiting (429)", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("unreachable", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ensure_Differs_SaysTheNextStep()
    {
        await TestImages.PushAsync(Client, "docker.io", $"{_ns}/floating", "latest");
        await TestImages.CopyAsync(Client, "docker.io", $"{_ns}/floating", "latest", TestServices.TargetRegistry, $"{_ns}/floating");
        await TestImages.PushAsync(Client, "docker.io", $"{_ns}/floating", "latest"); // the tag moved upstream

        var run = await Cli("ensure", $"{_ns}/floating:latest");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("but the source says sha256:", run.Output, StringComparison.Ordinal);
        Assert.Contains("; next: the tag moved upstream; take the new image ('imagewarmer warm --drift Reimport", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 image: 0 present, 0 missing, 1 differ", run.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }

    private Task<CliRun> Cli(params string[] args) => CliRun.InvokeAsync([.. args, "--config", _config]);
}
