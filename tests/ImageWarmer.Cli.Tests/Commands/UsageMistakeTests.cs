using ImageWarmer.Testing;

namespace ImageWarmer.Cli.Tests.Commands;

/// <summary>The mistakes people make on a command line, each answered with one line in their words and exit 1: a
/// misspelled option is named as an option (never read as an image or a path), with the nearest right one; an unknown
/// verb is one line; a one-value option given twice says so; and no input at all ends in an unhandled exception.</summary>
public sealed class UsageMistakeTests
{
    [Theory]
    [InlineData("ensure --manifest B --registry a.azurecr.io", "imagewarmer: unknown option '--manifest' for ensure (did you mean --manifests?) (see imagewarmer ensure --help)")]
    [InlineData("scan --manifest B", "imagewarmer: unknown option '--manifest' for scan (did you mean --manifests?) (see imagewarmer scan --help)")]
    [InlineData("status --jsn", "imagewarmer: unknown option '--jsn' for status (did you mean --json?) (see imagewarmer status --help)")]
    [InlineData("plan --manifests=x --regstry=a.azurecr.io", "imagewarmer: unknown option '--regstry' for plan (did you mean --registry?) (see imagewarmer plan --help)")]
    [InlineData("snapshot push . --bogus", "imagewarmer: unknown option '--bogus' for snapshot push (see imagewarmer snapshot push --help)")]
    [InlineData("scna samples", "imagewarmer: unknown verb 'scna' (did you mean scan?); the verbs are scan, plan, warm, request, ensure, lock, pin, prune, nightly, worker, status, snapshot, mirror (see imagewarmer --help)")]
    [InlineData("frobnicate", "imagewarmer: unknown verb 'frobnicate'; the verbs are scan, plan, warm, request, ensure, lock, pin, prune, nightly, worker, status, snapshot, mirror (see imagewarmer --help)")]
    [InlineData("", "imagewarmer: name a verb: scan, plan, warm, request, ensure, lock, pin, prune, nightly, worker, status, snapshot, mirror (see imagewarmer --help)")]
    [InlineData("plan --manifests x --registry a.azurecr.io --registry b.azurecr.io", "imagewarmer: --registry takes one value, but was given 2 (see imagewarmer plan --help)")]
    [InlineData("ensure nginx:1 --target a:1 --target b:1", "imagewarmer: --target takes one value, but was given 2")]
    public async Task Mistake_OneLineInTheUsersWords_ExitOne(string arguments, string expected)
    {
        var run = await CliRun.InvokeAsync(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(expected, SingleLine(run.Error), StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    /// <summary>Inputs nobody should type, each of which once reached a parser or a validator unguarded.</summary>
    public static TheoryData<string[]> OddInputs => new()
    {
        { ["--"] }, { ["-"] }, { ["--json"] }, { ["ensure", "--"] }, { ["ensure", "--wait"] }, { ["scan", "--manifests"] },
        { ["scan", "--manifests", ""] }, { ["scan", ""] }, { ["ensure", "", "--registry", "a.azurecr.io"] }, { ["status", "\0"] },
        { ["lock"] }, { ["pin"] }, { ["scan", "--lock"] }, { ["scan", "--manifests", "x", "--manifests", "x", "--manifests", "x"] },
        { ["ensure", "--manifests", "x", "--manifests", "y", "--target", "a:1"] }, { ["nightly", "--manifests", "a", "--manifests", "b"] },
        { ["plan", "--concurrency", "-1", "--manifests", "x"] }, { ["ensure", new string('a', 100_000)] }, { ["warm", "--importer"] },
        { ["request"] }, { ["snapshot"] }, { ["prune", "--older-than"] }, { ["ensure", "--wait", "99999999999d", "nginx:1"] },
    };

    [Theory]
    [MemberData(nameof(OddInputs))]
    public async Task OddInput_NeverAnUnhandledException(string[] args)
    {
        var run = await CliRun.InvokeAsync([.. args, "--config", Path.Combine(Path.GetTempPath(), "no-such-imagewarmer-settings.json")]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("imagewarmer: ", SingleLine(run.Error), StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_TwoBundles_OneRun_EachDeclarationNamesItsBundle()
    {
        var nexus = Path.Combine(RepositoryPaths.Samples, "templates", "shared_services", "sonatype-nexus");
        var api = Path.Combine(RepositoryPaths.Samples, "api_app");

        var run = await CliRun.InvokeAsync("scan", "--manifests", nexus, "--manifests", api, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"{nexus}/porter.yaml", run.Output, StringComparison.Ordinal);
        Assert.Contains($"{api}/Dockerfile", run.Output, StringComparison.Ordinal);
        Assert.Contains("docker.io/sonatype/nexus3:3.77.2", run.Output, StringComparison.Ordinal);
        Assert.Contains("docker.io/library/python:3.12-slim-bookworm", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_PathsAndManifestsTogether_AllScanned()
    {
        var nexus = Path.Combine(RepositoryPaths.Samples, "templates", "shared_services", "sonatype-nexus");
        var api = Path.Combine(RepositoryPaths.Samples, "api_app");

        var run = await CliRun.InvokeAsync("scan", nexus, "--manifests", api);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("3 manifest files, ", run.Output, StringComparison.Ordinal);
        Assert.Contains("sonatype/nexus3:3.77.2", run.Output, StringComparison.Ordinal);
        Assert.Contains("python:3.12-slim-bookworm", run.Output, StringComparison.Ordinal);
    }

    private static string SingleLine(string text) => Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('\r');
}
