using System.Text.Json;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Reply = ImageWarmer.Testing.HostileServer.Reply;

namespace ImageWarmer.Cli.Tests.Commands;

/// <summary>An upstream whose token endpoint answers with an error message written to be read by a CI runner: a
/// workflow command on a line of its own, and a Markdown heading with a link. <c>ensure</c> reports the image
/// unverified, with what upstream said made inert: on stdout, in <c>--json</c> and in the step summary, no line of
/// theirs starts a command or a heading.</summary>
public sealed class InjectionTests : IDisposable
{
    private const string Forged = "denied\n::error title=Deploy approved::all images verified\r\n## Looks good, [merge here](http://evil.test)\u2028`|";

    private readonly string _ns = "inj" + Guid.NewGuid().ToString("n")[..10];
    private readonly TemporaryDirectory _directory = new();
    private readonly ServiceProvider _services = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());

    [Fact]
    public async Task Ensure_UpstreamErrorWithACommandAndAHeading_NoInjectedLineInOutputJsonOrStepSummary()
    {
        await TestImages.PushAsync(_services.GetRequiredService<RegistryClient>(), TestServices.TargetRegistry, $"{_ns}/app", "1");
        await using var upstream = HostileServer.Start(request => request.Path.StartsWith("/token", StringComparison.Ordinal)
            ? new Reply(403, JsonSerializer.SerializeToUtf8Bytes(new { errors = new[] { new { code = "DENIED", message = Forged } } }),
                new Dictionary<string, string> { ["Content-Type"] = "application/json" })
            : Reply.Challenge($"http://{request.Host}/token", "hostile", $"repository:{_ns}/app:pull"));
        var summary = Path.Combine(_directory.Path, "summary.md");
        var config = _directory.Write("settings.json", """{"ImageWarmer":{"Registry":{"MaxRetryAttempts":0}}}""");
        string[] args = ["ensure", $"{_ns}/app:1", "--registry", TestServices.TargetRegistry, "--endpoint", $"docker.io={upstream.Url}", "--config", config];

        CliRun text, json;
        Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", summary);
        try
        {
            text = await CliRun.InvokeAsync(args);
            json = await CliRun.InvokeAsync([.. args, "--json"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", null);
        }

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("is unverified: upstream unreachable", text.Output, StringComparison.Ordinal);
        Assert.Contains(@"DENIED: denied\u000A::error title=Deploy approved::all images verified\u000D\u000A## Looks good", text.Output, StringComparison.Ordinal);
        foreach (var line in Lines(text.Output).Concat(Lines(text.Error)).Concat(Lines(json.Output)).Concat(Lines(json.Error)))
        {
            Assert.False(line.TrimStart().StartsWith("::", StringComparison.Ordinal), line);
            Assert.False(line.TrimStart().StartsWith("##", StringComparison.Ordinal), line);
        }
        using var report = JsonDocument.Parse(json.Output);
        Assert.Contains("Looks good", report.RootElement.GetProperty("items")[0].GetProperty("detail").GetString(), StringComparison.Ordinal);

        var written = Lines(await File.ReadAllTextAsync(summary)).Where(l => l.Length > 0).ToList();
        // Two runs, each: our heading, the table's two header lines and one row. Nothing else.
        Assert.Equal(8, written.Count);
        Assert.Equal(2, written.Count(l => l.StartsWith("### imagewarmer ensure: ", StringComparison.Ordinal)));
        Assert.All(written.Where(l => !l.StartsWith("###", StringComparison.Ordinal)), l => Assert.StartsWith("|", l, StringComparison.Ordinal));
        var row = written[3];
        Assert.Contains(@"`upstream unreachable: ", row, StringComparison.Ordinal);
        Assert.Contains(@"## Looks good, [merge here](http://evil.test)\u2028'\|`", row, StringComparison.Ordinal); // inside the code span
        Assert.Equal(8, row.Count(c => c == '`')); // the image's, the target's, the digest's and the detail's spans: no stray backtick
    }

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }

    private static string[] Lines(string text) => text.Split('\n');
}
