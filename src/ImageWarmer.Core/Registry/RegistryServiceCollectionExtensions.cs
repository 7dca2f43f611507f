using Azure.Core;
using Azure.Identity;
using ImageWarmer.Core.Registry.Auth;
using ImageWarmer.Core.Registry.Traffic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;

namespace ImageWarmer.Core.Registry;

/// <summary>The registry client's handler chain, outermost first: per-host concurrency, retries (honouring
/// <c>Retry-After</c>), redirects (followed here, not by the primary handler, so a redirect target gets nothing of the
/// registry's), auth, then traffic accounting next to the wire so every request sent is counted.</summary>
public static class RegistryServiceCollectionExtensions
{
    /// <summary>The named client token requests go through (accounted and retried, never auth-handled).</summary>
    public const string TokenClientName = "ImageWarmer.RegistryTokens";

    /// <summary>Registers <see cref="RegistryClient"/> and everything its requests pass through.</summary>
    public static IServiceCollection AddRegistryClient(this IServiceCollection services)
    {
        services.AddOptions<RegistryOptions>().BindConfiguration(RegistryOptions.SectionName)
            .Validate(o => o.MaxConcurrencyPerHost > 0 && o.MaxRetryAttempts >= 0 && o.RateLimitFloor >= 0 && o.MaxManifestBytes > 0 && o.MaxTagPages > 0,
                "ImageWarmer:Registry: MaxConcurrencyPerHost, MaxManifestBytes and MaxTagPages must be positive, MaxRetryAttempts and RateLimitFloor not negative")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // Every retry is reported by the failure it ends in (or not at all): the resilience pipeline's own events
        // (each attempt, each retry) are Debug, not a Warning or Information line per request.
        services.Configure<TelemetryOptions>(o => o.SeverityProvider = _ => ResilienceEventSeverity.Debug);
        // Only ACR requests ask for it, so machines without Azure credentials never touch it.
        services.TryAddSingleton<TokenCredential>(_ => new DeferredTokenCredential(() => new DefaultAzureCredential()));
        services.TryAddSingleton<RegistryEndpoints>();
        services.TryAddSingleton<RegistryTraffic>();
        services.TryAddTransient<TrafficHandler>();
        services.TryAddTransient<RegistryAuthHandler>();
        services.TryAddTransient<RegistryRedirectHandler>();
        services.TryAddSingleton<RealmPolicy>();
        services.TryAddTransient<HostConcurrencyHandler>();

        // Neither client lets the primary handler follow redirects: a token realm that redirects would take a POSTed
        // Entra ID token along (307 keeps the body), and a registry's redirects are followed by RegistryRedirectHandler.
        var tokenClient = services.AddHttpClient(TokenClientName).ConfigurePrimaryHttpMessageHandler(WithoutRedirects);
        tokenClient.AddResilienceHandler("registry-token-retry", AddRetry);
        tokenClient.AddHttpMessageHandler<TrafficHandler>();
        services.TryAddSingleton(sp => new TokenSources(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(TokenClientName),
            sp.GetRequiredService<TokenCredential>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<RegistryOptions>>(),
            sp.GetRequiredService<RealmPolicy>()));
        services.TryAddSingleton<TokenCache>();

        var client = services.AddHttpClient<RegistryClient>((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<RegistryOptions>>().Value.RequestTimeout);
        client.ConfigurePrimaryHttpMessageHandler(WithoutRedirects);
        client.AddHttpMessageHandler<HostConcurrencyHandler>();
        client.AddResilienceHandler("registry-retry", AddRetry);
        client.AddHttpMessageHandler<RegistryRedirectHandler>();
        client.AddHttpMessageHandler<RegistryAuthHandler>();
        client.AddHttpMessageHandler<TrafficHandler>();
        return services;
    }

    private static SocketsHttpHandler WithoutRedirects() => new() { AllowAutoRedirect = false };

    private static void AddRetry(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<RegistryOptions>>().Value;
        var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, options.MaxRetryAttempts),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = options.MaxRetryAfter,
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => ValueTask.FromResult(
                options.MaxRetryAttempts > 0
                && args.Context.GetRequestMessage()?.Options.TryGetValue(RegistryRequestOptions.NotRetryable, out var once) != true
                && RegistryRetryPolicy.ShouldRetry(args.Outcome.Result, args.Outcome.Exception, options.MaxRetryAfter, time.GetUtcNow())),
            DelayGenerator = args => ValueTask.FromResult(RegistryRetryPolicy.Delay(args.Outcome.Result, time.GetUtcNow())),
        });
    }
}
