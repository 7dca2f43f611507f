using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageWarmer.Core.Tests.Registry;

/// <summary>The whole auth dance against a real token-auth docker-registry: 401, token service, retry, cached tokens.</summary>
public sealed class TokenAuthRegistryTests
{
    [Fact]
    public async Task PushWithCredentials_ThenPlanAnonymously_TokensPerScopeAndCached()
    {
        await using var registry = await TokenAuthRegistry.StartAsync();
        var repository = "team/app";
        using var pusher = RegistryTestHost.Build(new Dictionary<string, string?>
        {
            ["ImageWarmer:Registry:Endpoints:0:Registry"] = "docker.io",
            ["ImageWarmer:Registry:Endpoints:0:Url"] = $"http://{registry.Address}",
            ["ImageWarmer:Registry:Credentials:0:Registry"] = "docker.io",
            ["ImageWarmer:Registry:Credentials:0:Username"] = TokenAuthRegistry.Username,
            ["ImageWarmer:Registry:Credentials:0:Password"] = TokenAuthRegistry.Password,
            ["ImageWarmer:Registry:Credentials:0:Realm"] = registry.Realm,
        });
        var pushed = await TestImages.PushAsync(pusher.GetRequiredService<RegistryClient>(), "docker.io", repository, "latest");

        using var planner = RegistryTestHost.Build(new Dictionary<string, string?>
        {
            ["ImageWarmer:Registry:Endpoints:0:Registry"] = "docker.io",
            ["ImageWarmer:Registry:Endpoints:0:Url"] = $"http://{registry.Address}",
        });
        var source = ImageReference.Parse($"docker.io/{repository}:latest");
        Assert.True(TargetImage.TryCreate($"t{Guid.NewGuid():n}/app", "latest", out var target, out _));
        ImportSpec[] specs = [new(source, target, [new ImageOrigin("Dockerfile", 1, ManifestKind.Dockerfile)])];
        var first = await planner.GetRequiredService<WarmPlanner>().PlanAsync(specs, TestServices.TargetRegistry);
        var second = await planner.GetRequiredService<WarmPlanner>().PlanAsync(specs, TestServices.TargetRegistry);

        Assert.Equal((PlanStatus.Missing, pushed), (first.Items[0].Status, first.Items[0].SourceDigest));
        Assert.Equal((PlanStatus.Missing, pushed), (second.Items[0].Status, second.Items[0].SourceDigest));
        Assert.Contains($"ci repository:{repository}:pull,push", registry.TokenRequests);
        // One anonymous pull token served both plans: the second sent its HEAD with the cached token, no 401 first.
        Assert.Equal(1, registry.TokenRequests.Count(r => r == $"anonymous repository:{repository}:pull"));
        Assert.Equal(2, first.Traffic["docker.io"].Requests);
        Assert.Equal(1, second.Traffic["docker.io"].Requests);
    }

    [Fact]
    public async Task Push_WithoutCredentials_RefusedWithTheRegistrysError()
    {
        await using var registry = await TokenAuthRegistry.StartAsync();
        using var services = RegistryTestHost.Build(new Dictionary<string, string?>
        {
            ["ImageWarmer:Registry:Endpoints:0:Registry"] = "docker.io",
            ["ImageWarmer:Registry:Endpoints:0:Url"] = $"http://{registry.Address}",
        });

        var e = await Assert.ThrowsAsync<RegistryRequestException>(() =>
            TestImages.PushAsync(services.GetRequiredService<RegistryClient>(), "docker.io", "team/app", "latest"));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, e.Status);
        Assert.True(e.Has(RegistryErrorCodes.Unauthorized));
    }
}
