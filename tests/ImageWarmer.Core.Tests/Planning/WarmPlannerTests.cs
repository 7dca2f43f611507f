using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Core.Tests.Planning;

/// <summary>
/// Plans against two real docker-registry instances: the upstream one plays Docker Hub (docker.io is pointed at it),
/// the target one plays ACR. What the planner sent upstream is read from that registry's own access log.
/// </summary>
public sealed class WarmPlannerTests : IDisposable
{
    private readonly string _namespace = "t" + Guid.NewGuid().ToString("n")[..10];
    private readonly ServiceProvider _services = RegistryTestHost.Build(RegistryTestHost.UpstreamAsDockerHub());
    private readonly RegistryClient _client;
    private readonly string _target = TestServices.TargetRegistry;

    public WarmPlannerTests() => _client = _services.GetRequiredService<RegistryClient>();

    [Fact]
    public async Task PlanAsync_EveryState_StatusDigestsAndOnlyHeadsUpstream()
    {
        var present = await Upstream("present", "1.0.0");
        await ToTarget("present", "1.0.0");
        var floating = await Upstream("floating", "stable");
        await ToTarget("floating", "stable");
        await Upstream("drift", "latest");
        var old = await ToTarget("drift", "latest");
        var moved = await Upstream("drift", "latest");
        var missing = await Upstream("missing", "2.0.0");
        var index = await TestImages.PushIndexAsync(_client, "docker.io", $"{_namespace}/multi", "3");
        await ToTarget("multi", "3");
        var pinnedElsewhere = await Upstream("pinned", "other");
        await Upstream("pinned", "1.0.0");
        var pinnedInTarget = await ToTarget("pinned", "1.0.0");
        var logMark = UpstreamLog().Count;

        var plan = await Planner().PlanAsync(
        [
            Spec("present:1.0.0"), Spec("floating:stable"), Spec("drift:latest"), Spec("missing:2.0.0"), Spec("ghost:1.0.0"),
            Spec("multi:3"), Spec($"pinned:1.0.0@{pinnedElsewhere}"),
        ], _target);

        Assert.Equal(
        [
            ("present:1.0.0", PlanStatus.Present, null, present),
            ("floating:stable", PlanStatus.Present, floating, floating),
            ("drift:latest", PlanStatus.Drifted, moved, old),
            ("missing:2.0.0", PlanStatus.Missing, missing, null),
            ("ghost:1.0.0", PlanStatus.SourceMissing, null, null),
            ("multi:3", PlanStatus.Present, index, index),
            ("pinned:1.0.0", PlanStatus.Drifted, pinnedElsewhere, pinnedInTarget),
        ], plan.Items.Select(i => (i.Spec.Target.ToString()[(_namespace.Length + 1)..], i.Status, i.SourceDigest, i.TargetDigest)));
        Assert.All(plan.Items, i => Assert.Null(i.Error));

        // Immutable tags the target has cost nothing upstream; the rest cost one HEAD each, never a GET.
        Assert.Equal(
        [
            $"HEAD /v2/{_namespace}/drift/manifests/latest 200",
            $"HEAD /v2/{_namespace}/floating/manifests/stable 200",
            $"HEAD /v2/{_namespace}/ghost/manifests/1.0.0 404",
            $"HEAD /v2/{_namespace}/missing/manifests/2.0.0 200",
            $"HEAD /v2/{_namespace}/multi/manifests/3 200",
        ], UpstreamLog().Skip(logMark).Order(StringComparer.Ordinal));
        Assert.Equal((5, 0), (plan.Traffic["docker.io"].Requests, plan.Traffic["docker.io"].Pulls));
    }

    [Fact]
    public async Task PlanAsync_SteadyStateOfImmutableImages_SendsZeroRequestsUpstream()
    {
        string[] versions = ["1.0.0", "1.0.1", "v2.3.4", "1.6.0-alpine"];
        foreach (var version in versions)
        {
            await Upstream("steady", version);
            await ToTarget("steady", version);
        }
        var logMark = UpstreamLog().Count;

        var plan = await Planner().PlanAsync([.. versions.Select(v => Spec($"steady:{v}"))], _target);

        Assert.True(plan.AllPresent);
        Assert.Empty(UpstreamLog().Skip(logMark));
        Assert.Equal(0, plan.Traffic["docker.io"].Requests);
        Assert.Equal(versions.Length, plan.Traffic[_target].Requests);
    }

    [Fact]
    public async Task PlanAsync_OneSourceTwoTargets_AskedUpstreamOnce()
    {
        await Upstream("shared", "bookworm-slim");
        var logMark = UpstreamLog().Count;
        var source = ImageReference.Parse($"docker.io/{_namespace}/shared:bookworm-slim");

        var plan = await Planner().PlanAsync([Spec(source, $"{_namespace}/a/shared"), Spec(source, $"{_namespace}/b/shared")], _target);

        Assert.All(plan.Items, i => Assert.Equal(PlanStatus.Missing, i.Status));
        Assert.Equal([$"HEAD /v2/{_namespace}/shared/manifests/bookworm-slim 200"], UpstreamLog().Skip(logMark));
    }

    [Fact]
    public async Task PlanAsync_UnreachableSource_FailsThatItemOnly()
    {
        await Upstream("fine", "1.0.0");
        using var services = RegistryTestHost.Build(new Dictionary<string, string?>(RegistryTestHost.UpstreamAsDockerHub())
        {
            ["ImageWarmer:Registry:MaxRetryAttempts"] = "1",
        });
        var unreachable = ImageReference.Parse("127.0.0.1:1/nobody/home:latest");

        var plan = await services.GetRequiredService<WarmPlanner>().PlanAsync(
            [Spec(unreachable, $"{_namespace}/home"), Spec("fine:1.0.0")], _target);

        Assert.Equal(PlanStatus.Failed, plan.Items[0].Status);
        Assert.Contains("127.0.0.1:1", plan.Items[0].Error, StringComparison.Ordinal);
        Assert.Equal(PlanStatus.Missing, plan.Items[1].Status);
    }

    public void Dispose() => _services.Dispose();

    private WarmPlanner Planner() => _services.GetRequiredService<WarmPlanner>();

    private Task<string> Upstream(string name, string tag) => TestImages.PushAsync(_client, "docker.io", $"{_namespace}/{name}", tag);

    private Task<string> ToTarget(string name, string tag) =>
        TestImages.CopyAsync(_client, "docker.io", $"{_namespace}/{name}", tag, _target, $"{_namespace}/{name}");

    private IReadOnlyList<string> UpstreamLog() => RegistryAccessLog.Requests(TestServices.UpstreamAccessLog, _namespace + "/");

    private ImportSpec Spec(string nameTagDigest) => TestSpecs.For($"docker.io/{_namespace}/{nameTagDigest}");

    private static ImportSpec Spec(ImageReference source, string targetRepository) => TestSpecs.For(source.FullyQualified, targetRepository);
}
