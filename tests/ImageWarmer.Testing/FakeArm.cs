using Azure.Core;
using Azure.Core.Pipeline;
using ImageWarmer.Core.Importing.Acr;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Testing;

/// <summary>
/// ARM and Entra ID cannot run here: settings that select the <c>acr-import</c> importer, and a registration that sends
/// its ARM calls to a <see cref="StubHttpMessageHandler"/> (answering with the shapes recorded from ARM) with a fixed
/// bearer token. Everything else (registries, queue, ledger) stays real.
/// </summary>
public static class FakeArm
{
    /// <summary>The registry's ARM id the settings name.</summary>
    public const string RegistryId = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/myacr";

    /// <summary>The ARM endpoint the settings name.</summary>
    public static readonly Uri Endpoint = new("https://management.azure.test");

    /// <summary>Settings for the acr-import importer against the fake ARM.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["ImageWarmer:Warming:Importer"] = "acr-import",
        ["ImageWarmer:AcrImport:RegistryResourceId"] = RegistryId,
        ["ImageWarmer:AcrImport:ArmEndpoint"] = Endpoint.ToString(),
    };

    /// <summary>Sends the ARM client's requests to <paramref name="arm"/>.</summary>
    public static void Use(IServiceCollection services, StubHttpMessageHandler arm) =>
        services.AddSingleton(sp => new AcrImportClient(
            AcrImportClient.CreatePipeline(new FixedToken(), Endpoint, new HttpClientTransport(new HttpClient(arm))),
            sp.GetRequiredService<IOptions<AcrImportOptions>>(),
            sp.GetRequiredService<TimeProvider>()));

    private sealed class FixedToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("arm-token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
