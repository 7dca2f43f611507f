using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Planning;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Reply = ImageWarmer.Testing.HostileServer.Reply;

namespace ImageWarmer.Core.Tests.Registry.Hostile;

/// <summary>A registry whose <c>WWW-Authenticate</c> is cut short (ending in <c>=</c>, an unclosed quote, a trailing
/// backslash): the image it serves fails with the reason, and the plan of every other image goes on.</summary>
public sealed class BrokenChallengeTests
{
    [Theory]
    [InlineData("Bearer realm=", FailureKind.Refused)]
    [InlineData("Bearer realm=\"https://auth.hostile.example/tok", FailureKind.Unauthorized)]
    [InlineData("Bearer realm=\"https://auth.hostile.example/token\",service=\"hostile\\", FailureKind.Unauthorized)]
    [InlineData("Bearer service=\"hostile\",realm", FailureKind.Refused)]
    public async Task Plan_ChallengeCutShort_ThatImageFailsWithItsKind_TheOtherIsPlanned(string header, FailureKind kind)
    {
        await using var registry = HostileServer.Start(_ => new Reply(401, [], new Dictionary<string, string> { ["WWW-Authenticate"] = header }));
        using var services = HostileRegistry.Build("hostile.example", registry.Url, new CapturedLogs(), more: new()
        {
            ["ImageWarmer:Registry:Endpoints:1:Registry"] = "docker.io",
            ["ImageWarmer:Registry:Endpoints:1:Url"] = $"http://{TestServices.UpstreamRegistry}",
        });
        var planner = services.GetRequiredService<WarmPlanner>();

        var plan = await planner.PlanAsync(
            [TestSpecs.For("hostile.example/team/app:1.0.0"), TestSpecs.For($"docker.io/broken-challenge-{Guid.NewGuid():n}/app:1.0.0")],
            TestServices.TargetRegistry);

        Assert.Equal((PlanStatus.Failed, kind), (plan.Items[0].Status, plan.Items[0].FailureKind));
        Assert.Equal(PlanStatus.SourceMissing, plan.Items[1].Status);
        Assert.NotEmpty(registry.Seen);
    }
}
